import { ConfigError } from './config';

/** Settings for running several processes and for operators (issue 13). */
export interface OpsConfig {
  /** `DATABASE_POOL_SIZE`: PostgreSQL connections per process (SQLite: one connection anyway). */
  databasePoolSize: number;
  /** `METRICS_TOKEN`: the bearer token of `GET /api/metrics`; null (unset) → the route answers 404. */
  metricsToken: string | null;
  /** `NOTICE_MAX_ATTEMPTS`: sends of one notice before it is given up (`given_up`, resendable). */
  noticeMaxAttempts: number;
  /** `NOTICE_RETENTION_MONTHS`: notices (outbox = delivery log) older than this are deleted daily. */
  noticeRetentionMonths: number;
  /** `LOG_LEVEL`: the least severe level logged (one access line per request at `info`). */
  logLevel: LogLevel;
  /**
   * `IMPORT_REMOVAL_THRESHOLD_PERCENT`: a full-file import removing more than this % of a credit
   * union's IB users (or customers) waits for a second person's approval (default 5; 0: always).
   */
  importRemovalThresholdPercent: number;
}

export const LOG_LEVELS = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const MIN_METRICS_TOKEN_LENGTH = 24;

type Env = Record<string, string | undefined>;

export function parseOps(env: Env): OpsConfig {
  const token = env['METRICS_TOKEN'];
  if (token && (token.length < MIN_METRICS_TOKEN_LENGTH || /\s/.test(token)))
    throw new ConfigError(
      'METRICS_TOKEN',
      `must be at least ${MIN_METRICS_TOKEN_LENGTH} characters without spaces (or unset: no metrics)`,
    );
  const level = env['LOG_LEVEL'] || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(level))
    throw new ConfigError(
      'LOG_LEVEL',
      `must be one of ${LOG_LEVELS.join(', ')} (got "${level}")`,
    );
  return {
    logLevel: level as LogLevel,
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 200),
    metricsToken: token || null,
    noticeMaxAttempts: integer(env, 'NOTICE_MAX_ATTEMPTS', 30, 1, 1000),
    noticeRetentionMonths: integer(env, 'NOTICE_RETENTION_MONTHS', 13, 1, 1200),
    importRemovalThresholdPercent: integer(
      env,
      'IMPORT_REMOVAL_THRESHOLD_PERCENT',
      5,
      0,
      100,
    ),
  };
}

function integer(
  env: Env,
  variable: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const value = env[variable];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max)
    throw new ConfigError(
      variable,
      `must be an integer from ${min} to ${max} (got "${value}")`,
    );
  return n;
}
