import { readFileSync } from 'node:fs';
import { ConfigError } from './config';

type Env = Record<string, string | undefined>;

/** Variables that may come from a file (`<NAME>_FILE`, e.g. a Docker secret under /run/secrets). */
export const SECRET_FILE_VARIABLES = [
  'CA_KEY_PASSPHRASE',
  'DATABASE_URL',
  'MIGRATION_DATABASE_URL',
  'SMTP_URL',
  'AUDIT_HMAC_KEY',
] as const;

/**
 * Reads each `<NAME>_FILE` into `<NAME>` of `env` (one trailing newline dropped), before the
 * configuration is loaded (main.ts, cli.ts). Setting both is refused, so a forgotten variable never
 * silently wins over the secret.
 */
export function applySecretFiles(env: Env = process.env): void {
  const out: Env = {};
  for (const name of SECRET_FILE_VARIABLES) {
    const file = env[`${name}_FILE`];
    if (!file) continue;
    if (env[name])
      throw new ConfigError(
        `${name}_FILE`,
        `and ${name} are both set: keep one (the file is meant for secrets)`,
      );
    try {
      out[name] = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      throw new ConfigError(
        `${name}_FILE`,
        `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}): ${file}`,
      );
    }
  }
  Object.assign(env, out);
}
