import { z } from 'zod';

/**
 * The building blocks of the configuration schema (zod): each environment variable is a string or
 * unset; unset and empty mean "not given" (the schema's value is then its default, or `undefined`
 * where the default depends on other variables). A bad value becomes a zod issue whose message is
 * the reason, and {@link parseEnv} turns the first issue into a {@link ConfigError} naming the variable.
 */

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`Invalid configuration: ${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

export type Env = Record<string, string | undefined>;

const given = (value: string | undefined): value is string =>
  value !== undefined && value !== '';

/** Thrown by a reader for a bad value: becomes the variable's issue. */
class Refusal {
  constructor(readonly reason: string) {}
}

/** Refuses the value being read, with the reason that follows the variable's name. */
export function refuse(reason: string): never {
  throw new Refusal(reason);
}

/** A variable read by `read` (which may {@link refuse} the value); unset or empty gives `fallback`. */
export function variable<T, F = undefined>(
  read: (value: string) => T,
  fallback?: F,
): z.ZodType<T | F, string | undefined> {
  return z
    .string()
    .optional()
    .transform((value, ctx): T | F => {
      if (!given(value)) return fallback as F;
      try {
        return read(value);
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
        ctx.addIssue({ code: 'custom', message: error.reason });
        return z.NEVER;
      }
    });
}

/** A string as given (no check); `fallback` when unset. */
export function text<F = undefined>(
  fallback?: F,
): z.ZodType<string | F, string | undefined> {
  return variable((value) => value, fallback);
}

/** A string that must match `format`; the reason quotes the value when `quote` is set. */
export function matching<F = undefined>(
  format: RegExp,
  reason: string,
  fallback?: F,
  quote = true,
): z.ZodType<string | F, string | undefined> {
  return variable(
    (value) =>
      format.test(value)
        ? value
        : refuse(quote ? `${reason} (got "${value}")` : reason),
    fallback,
  );
}

/** `on` or `off`. */
export function onOff<F = undefined>(
  fallback?: F,
): z.ZodType<boolean | F, string | undefined> {
  return variable(
    (value) =>
      value === 'on'
        ? true
        : value === 'off'
          ? false
          : refuse(`must be on or off (got "${value}")`),
    fallback,
  );
}

/** One of `values`; the reason is `must be <a, b or c> (got "…")` unless `reason` is given. */
export function oneOf<const V extends readonly string[], F = undefined>(
  values: V,
  fallback?: F,
  reason?: string,
): z.ZodType<V[number] | F, string | undefined> {
  const list = reason ?? `must be ${listed(values)}`;
  return variable(
    (value) =>
      (values as readonly string[]).includes(value)
        ? (value as V[number])
        : refuse(`${list} (got "${value}")`),
    fallback,
  );
}

/** A whole number from `min` to `max`, written in digits. */
export function integer<F = undefined>(
  min: number,
  max: number,
  fallback?: F,
  reason = `must be an integer from ${min} to ${max}`,
): z.ZodType<number | F, string | undefined> {
  return variable((value) => {
    const n = Number(value);
    return /^\d+$/.test(value) && n >= min && n <= max
      ? n
      : refuse(`${reason} (got "${value}")`);
  }, fallback);
}

/** A TCP port (0 allowed only when `min` is 0: any free port). */
export function port<F = undefined>(
  min: 0 | 1,
  fallback?: F,
): z.ZodType<number | F, string | undefined> {
  return variable((value) => {
    const n = Number(value);
    return Number.isInteger(n) && n >= min && n <= 65535
      ? n
      : refuse(
          `must be an integer from ${min === 0 ? '0 (any free port)' : '1'} to 65535 (got "${value}")`,
        );
  }, fallback);
}

/**
 * A directory to serve: unset gives `fallback`, but empty means none (null) — unlike the other
 * variables, where empty is unset. Relative paths are resolved by the caller.
 */
export function directory(
  fallback: string,
): z.ZodType<string | null, string | undefined> {
  return z
    .string()
    .optional()
    .transform((value) => (value === '' ? null : (value ?? fallback)));
}

/** At least `minLength` characters; `hint` follows the reason. */
export function secret(
  minLength: number,
  hint = '',
): z.ZodType<string | null, string | undefined> {
  return variable(
    (value) =>
      value.length >= minLength
        ? value
        : refuse(`must be at least ${minLength} characters${hint}`),
    null,
  );
}

/** `a`, `a or b`, `a, b or c`. */
function listed(values: readonly string[]): string {
  return values.length < 2
    ? values.join('')
    : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

/**
 * The environment through `schema`, or a {@link ConfigError} naming the first bad variable (in the
 * schema's order).
 */
export function parseEnv<S extends z.ZodType<unknown, Env>>(
  schema: S,
  env: Env,
): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new ConfigError(String(issue.path[0] ?? 'environment'), issue.message);
}
