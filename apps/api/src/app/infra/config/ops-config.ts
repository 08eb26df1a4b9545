import { z } from 'zod';
import { integer, oneOf, refuse, variable } from './env-schema';

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

/** The variables of {@link OpsConfig} (part of the configuration schema, config.ts). */
export const OPS_ENV = {
  METRICS_TOKEN: variable(
    (token) =>
      token.length < MIN_METRICS_TOKEN_LENGTH || /\s/.test(token)
        ? refuse(
            `must be at least ${MIN_METRICS_TOKEN_LENGTH} characters without spaces (or unset: no metrics)`,
          )
        : token,
    null,
  ),
  LOG_LEVEL: oneOf(
    LOG_LEVELS,
    'info' as const,
    `must be one of ${LOG_LEVELS.join(', ')}`,
  ),
  DATABASE_POOL_SIZE: integer(1, 200, 10),
  NOTICE_MAX_ATTEMPTS: integer(1, 1000, 30),
  NOTICE_RETENTION_MONTHS: integer(1, 1200, 13),
  IMPORT_REMOVAL_THRESHOLD_PERCENT: integer(0, 100, 5),
};

type OpsEnv = {
  [K in keyof typeof OPS_ENV]: z.output<(typeof OPS_ENV)[K]>;
};

export function ops(v: OpsEnv): OpsConfig {
  return {
    logLevel: v.LOG_LEVEL,
    databasePoolSize: v.DATABASE_POOL_SIZE,
    metricsToken: v.METRICS_TOKEN,
    noticeMaxAttempts: v.NOTICE_MAX_ATTEMPTS,
    noticeRetentionMonths: v.NOTICE_RETENTION_MONTHS,
    importRemovalThresholdPercent: v.IMPORT_REMOVAL_THRESHOLD_PERCENT,
  };
}
