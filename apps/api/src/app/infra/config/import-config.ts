import { isAbsolute, resolve } from 'node:path';
import { matching, onOff, text } from './env-schema';

/** The nightly inbox of core-system files (issue 16). */
export interface ImportInboxConfig {
  /** `IMPORT_INBOX`: the folder (absolute); null (unset) → no inbox. */
  dir: string | null;
  /** `IMPORT_INBOX_TIME`: `HH:MM` JST from which each day's files are picked up (default 02:00). */
  dailyAt: string;
  /** `IMPORT_INBOX_FULL`: the inbox's files are full extracts (those absent are removed); default off. */
  full: boolean;
}

/** The variables of {@link ImportInboxConfig} (part of the configuration schema, config.ts). */
export const IMPORT_INBOX_ENV = {
  IMPORT_INBOX: text(null),
  IMPORT_INBOX_TIME: matching(
    /^([01]\d|2[0-3]):[0-5]\d$/,
    'must be HH:MM in JST, e.g. 02:00',
    '02:00',
  ),
  IMPORT_INBOX_FULL: onOff(false),
};

export function importInbox(
  v: {
    IMPORT_INBOX: string | null;
    IMPORT_INBOX_TIME: string;
    IMPORT_INBOX_FULL: boolean;
  },
  cwd: string,
): ImportInboxConfig {
  const dir = v.IMPORT_INBOX;
  return {
    dir: dir === null ? null : isAbsolute(dir) ? dir : resolve(cwd, dir),
    dailyAt: v.IMPORT_INBOX_TIME,
    full: v.IMPORT_INBOX_FULL,
  };
}
