import { isAbsolute, resolve } from 'node:path';
import { ConfigError } from './config';

/** The nightly inbox of core-system files (issue 16). */
export interface ImportInboxConfig {
  /** `IMPORT_INBOX`: the folder (absolute); null (unset) → no inbox. */
  dir: string | null;
  /** `IMPORT_INBOX_TIME`: `HH:MM` JST from which each day's files are picked up (default 02:00). */
  dailyAt: string;
  /** `IMPORT_INBOX_FULL`: the inbox's files are full extracts (those absent are removed); default off. */
  full: boolean;
}

type Env = Record<string, string | undefined>;

export function parseImportInbox(env: Env, cwd: string): ImportInboxConfig {
  const dir = env['IMPORT_INBOX'];
  const time = env['IMPORT_INBOX_TIME'] || '02:00';
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time))
    throw new ConfigError(
      'IMPORT_INBOX_TIME',
      `must be HH:MM in JST, e.g. 02:00 (got "${time}")`,
    );
  const full = env['IMPORT_INBOX_FULL'] || 'off';
  if (full !== 'on' && full !== 'off')
    throw new ConfigError(
      'IMPORT_INBOX_FULL',
      `must be on or off (got "${full}")`,
    );
  return {
    dir: dir ? (isAbsolute(dir) ? dir : resolve(cwd, dir)) : null,
    dailyAt: time,
    full: full === 'on',
  };
}
