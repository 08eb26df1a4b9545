import { isAbsolute, resolve } from 'node:path';

export type DatabaseConfig =
  | { type: 'sqlite'; file: string }
  | { type: 'postgres'; url: string };

export interface AppConfig {
  port: number;
  dataDir: string;
  database: DatabaseConfig;
  /** A pinned instant (`CERTDESK_NOW`) or null for the real clock. */
  fixedNow: Date | null;
  /** Seed demo data into an empty database at start-up. */
  demoData: boolean;
  demoPassword: string;
  /** Directory of the built console served at `/`, or null when there is none. */
  consoleDir: string | null;
  logJson: boolean;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, reason: string) {
    super(`Invalid configuration: ${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

export const DEFAULT_DEMO_PASSWORD = 'certdesk-demo-2026';

type Env = Record<string, string | undefined>;

/** Reads and validates the environment once, at boot. A bad value names its variable. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const dataDir = absolute(env['DATA_DIR'] || './data', cwd);
  const database = parseDatabase(env['DATABASE_URL'], dataDir);
  return {
    port: parsePort(env['PORT']),
    dataDir,
    database,
    fixedNow: parseNow(env['CERTDESK_NOW']),
    demoData: parseDemoData(env['DEMO_DATA'], database),
    demoPassword: parseDemoPassword(env['DEMO_PASSWORD']),
    consoleDir: env['CONSOLE_DIR'] === '' ? null : absolute(env['CONSOLE_DIR'] || 'dist/apps/console/browser', cwd),
    logJson: env['LOG_FORMAT'] !== 'text',
  };
}

function absolute(path: string, cwd: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}

function parseDatabase(url: string | undefined, dataDir: string): DatabaseConfig {
  if (!url) return { type: 'sqlite', file: resolve(dataDir, 'certdesk.sqlite') };
  if (/^postgres(ql)?:\/\/.+/.test(url)) return { type: 'postgres', url };
  if (/^sqlite:.+/.test(url)) return { type: 'sqlite', file: url.slice('sqlite:'.length) };
  throw new ConfigError('DATABASE_URL', 'must be unset (SQLite under DATA_DIR), sqlite:<file> or postgres://user@host:port/db');
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ConfigError('PORT', `must be an integer from 1 to 65535 (got "${value}")`);
  }
  return port;
}

function parseNow(value: string | undefined): Date | null {
  if (!value) return null;
  const withZone = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
  const instant = new Date(value);
  if (!withZone.test(value) || Number.isNaN(instant.getTime())) {
    throw new ConfigError('CERTDESK_NOW', `must be an ISO-8601 instant with a zone, e.g. 2026-12-01T09:00:00+09:00 (got "${value}")`);
  }
  return instant;
}

function parseDemoData(value: string | undefined, database: DatabaseConfig): boolean {
  if (value === undefined || value === '' || value === 'auto') return database.type === 'sqlite';
  if (value === 'on') return true;
  if (value === 'off') return false;
  throw new ConfigError('DEMO_DATA', `must be auto, on or off (got "${value}")`);
}

function parseDemoPassword(value: string | undefined): string {
  if (value === undefined || value === '') return DEFAULT_DEMO_PASSWORD;
  if (value.length < 12) throw new ConfigError('DEMO_PASSWORD', 'must be at least 12 characters');
  return value;
}
