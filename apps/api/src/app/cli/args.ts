import { parseArgs } from 'node:util';

/** How each option of a command is given: `--name value` (`string`) or `--name` alone (`boolean`). */
export type OptionTypes = Readonly<Record<string, 'string' | 'boolean'>>;

/** A command's parsed options: the value of a `string` option, `true` for a flag. */
export type Options = Map<string, string | true>;

/**
 * A command's arguments, parsed by node:util `parseArgs` against the options it declares
 * (`--name value`, `--name=value`, `--flag`); anything else is refused with a Japanese reason.
 */
export function parseOptions(
  args: readonly string[],
  types: OptionTypes,
): Options {
  const known = Object.keys(types);
  try {
    const { values } = parseArgs({
      args: [...args],
      options: Object.fromEntries(
        known.map((name) => [name, { type: types[name] }]),
      ),
      strict: true,
      allowPositionals: false,
    });
    return new Map(
      Object.entries(values).map(([name, value]) => [
        name,
        value === true ? true : String(value),
      ]),
    );
  } catch (error) {
    throw new Error(refusal(error, known));
  }
}

/** The reason, in Japanese, why node:util refused the arguments. */
function refusal(error: unknown, known: readonly string[]): string {
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? message;
  switch ((error as { code?: unknown }).code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `不明なオプション: ${quoted}（使えるもの: ${known.map((k) => `--${k}`).join(', ')}）`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `引数「${quoted}」を解釈できません（--名前 値 の形で指定してください）`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `${quoted.split(' ')[0]} の指定が正しくありません（値をとるものは --名前 値、とらないものは --名前 だけで指定してください）`;
    default:
      return message;
  }
}

export function intOption(
  options: Options,
  name: string,
  fallback: number,
  min = 0,
): number {
  const raw = options.get(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw === true || !Number.isInteger(value) || value < min) {
    throw new Error(
      `--${name} は ${min} 以上の整数で指定してください（指定値: ${String(raw)}）`,
    );
  }
  return value;
}
