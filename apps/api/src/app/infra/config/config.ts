import { isIP } from 'node:net';
import { isAbsolute, resolve } from 'node:path';
import { CaKeystoreConfig, parseCaKeystore } from './keystore-config';
import { ImportInboxConfig, parseImportInbox } from './import-config';
import { OpsConfig, parseOps } from './ops-config';
import { parseAuditHmacKey, parseCaKeyPassphrase } from './secrets-config';
import { parseSecondFactor, SecondFactorConfig } from './second-factor-config';

export type DatabaseConfig =
  { type: 'sqlite'; file: string } | { type: 'postgres'; url: string };

/**
 * `CERTDESK_MODE`: `demo` (demo data, defaults for one machine) or `production` (refuses unsafe
 * settings). Unset: demo on SQLite, production on PostgreSQL — a PostgreSQL start is never silently a demo.
 */
export type AppMode = 'demo' | 'production';

export interface AppConfig {
  mode: AppMode;
  port: number;
  /**
   * `TRUST_PROXY`: which peers of the staff listener may name the client in X-Forwarded-For —
   * a hop count (e.g. 1 behind one load balancer) or a list of addresses / CIDRs / `loopback`,
   * `linklocal`, `uniquelocal`. Default `loopback`. The IB channel's own TLS listener ignores it.
   */
  trustProxy: number | string[];
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
  /** Pool size, metrics token, notice attempts and retention (see ops-config.ts). */
  ops: OpsConfig;
  /** `API_DOCS`: serve the OpenAPI page at /api/docs (default: on in demo, off in production). */
  apiDocs: boolean;
  /** Outgoing mail: `SMTP_URL`, or (null) the in-process SMTP server on 127.0.0.1:`localPort` for demos. */
  smtp: { url: string | null; localPort: number; from: string };
  /** `NOTICE_WORKER`: this process runs the daily notice run at `dailyAt` (JST) and the background sender. */
  notices: { worker: boolean; dailyAt: string };
  /** Encrypts the credit unions' CA keys (`CA_KEY_PASSPHRASE`); null when unset (allowed only in demo mode). */
  caKeyPassphrase: string | null;
  /** `CA_KEYSTORE` and the PKCS#11 token (see keystore-config.ts). */
  caKeystore: CaKeystoreConfig;
  /** Base URL written into certificates' CRL distribution point: `<crlBaseUrl>/ib/crl/<code>.crl`. */
  crlBaseUrl: string;
  /**
   * The IB channel: its mutual-TLS listener (`IB_TLS_PORT`, default 3443; `off` disables it, 0 takes
   * any free port), the server certificate files (`IB_TLS_CERT` / `IB_TLS_KEY`; when unset a
   * self-signed one for localhost is made under `DATA_DIR/ib-tls`), the built IB portal it serves
   * (`IB_PORTAL_DIR`) and the PINs the demo seed gives every IB user (`DEMO_PIN`, `DEMO_CONFIRMATION_PIN`).
   */
  ib: {
    tlsPort: number | null;
    certFile: string | null;
    keyFile: string | null;
    portalDir: string | null;
    demoPin: string;
    demoConfirmationPin: string;
  };
  /**
   * Migrations: `MIGRATE_ON_START` (default on in demo, off in production: run `npm run migrate` /
   * `cli.js migrate` as a step) and `MIGRATION_DATABASE_URL`, the PostgreSQL owner role that runs them
   * (null: DATABASE_URL's role does).
   */
  migrations: { onStart: boolean; ownerUrl: string | null };
  /**
   * The audit log: `AUDIT_HMAC_KEY` keys the hash chain (null when unset: allowed only in demo mode) and
   * `AUDIT_WATCH` (default on) records each chain's signed head and verifies every chain once a JST day.
   */
  audit: { hmacKey: string | null; watch: boolean };
  /** `IMPORT_INBOX`, `IMPORT_INBOX_TIME`, `IMPORT_INBOX_FULL` (see import-config.ts). */
  importInbox: ImportInboxConfig;
  /** Staff second factor: `STAFF_SECOND_FACTOR`, `WEBAUTHN_RP_ID`, `WEBAUTHN_ORIGIN` (see second-factor-config.ts). */
  secondFactor: SecondFactorConfig;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`Invalid configuration: ${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

export const DEFAULT_DEMO_PASSWORD = 'certdesk-demo-2026';

type Env = Record<string, string | undefined>;

/** Reads and validates the environment once, at boot. A bad value names its variable. */
export function loadConfig(
  env: Env = process.env,
  cwd = process.cwd(),
): AppConfig {
  const dataDir = absolute(env['DATA_DIR'] || './data', cwd);
  const database = parseDatabase(env['DATABASE_URL'], dataDir);
  const mode = parseMode(env['CERTDESK_MODE'], database);
  return {
    mode,
    port: parsePort(env['PORT']),
    trustProxy: parseTrustProxy(env['TRUST_PROXY']),
    dataDir,
    database,
    fixedNow: parseNow(env['CERTDESK_NOW']),
    demoData: parseDemoData(env['DEMO_DATA'], database, mode),
    demoPassword: parseDemoPassword(env['DEMO_PASSWORD']),
    consoleDir:
      env['CONSOLE_DIR'] === ''
        ? null
        : absolute(env['CONSOLE_DIR'] || 'dist/apps/console/browser', cwd),
    logJson: env['LOG_FORMAT'] !== 'text',
    ops: parseOps(env),
    apiDocs: parseOnOff('API_DOCS', env['API_DOCS'], mode === 'demo'),
    smtp: {
      url: parseSmtpUrl(env['SMTP_URL']),
      localPort: parseSmtpPort(env['SMTP_PORT']),
      from: parseMailFrom(env['MAIL_FROM']),
    },
    notices: {
      worker: parseOnOff('NOTICE_WORKER', env['NOTICE_WORKER'], true),
      dailyAt: parseDailyAt(env['NOTICE_DAILY_AT']),
    },
    caKeyPassphrase: parseCaKeyPassphrase(env['CA_KEY_PASSPHRASE']),
    caKeystore: parseCaKeystore(env, cwd),
    crlBaseUrl: parseCrlBaseUrl(env['CRL_BASE_URL'], parsePort(env['PORT'])),
    ib: parseIb(env, cwd),
    migrations: parseMigrations(env, database),
    audit: {
      hmacKey: parseAuditHmacKey(env['AUDIT_HMAC_KEY']),
      watch: parseOnOff('AUDIT_WATCH', env['AUDIT_WATCH'], true),
    },
    importInbox: parseImportInbox(env, cwd),
    secondFactor: parseSecondFactor(env, mode, parsePort(env['PORT'])),
  };
}

/**
 * Only what the migrate step needs (`DATABASE_URL`, `DATA_DIR`, `MIGRATION_DATABASE_URL`,
 * `MIGRATE_ON_START`): a migrate job runs without the API's secrets.
 */
export function loadMigrationConfig(
  env: Env = process.env,
  cwd = process.cwd(),
): Pick<AppConfig, 'database' | 'migrations'> {
  const dataDir = absolute(env['DATA_DIR'] || './data', cwd);
  const database = parseDatabase(env['DATABASE_URL'], dataDir);
  return { database, migrations: parseMigrations(env, database) };
}

function parseMigrations(
  env: Env,
  database: DatabaseConfig,
): AppConfig['migrations'] {
  const demo = parseMode(env['CERTDESK_MODE'], database) === 'demo';
  const ownerUrl = env['MIGRATION_DATABASE_URL'] || null;
  if (ownerUrl !== null && !/^postgres(ql)?:\/\/.+/.test(ownerUrl))
    throw new ConfigError(
      'MIGRATION_DATABASE_URL',
      'must be postgres://owner@host:port/db (the role that owns the schema; PostgreSQL only)',
    );
  if (ownerUrl !== null && database.type !== 'postgres')
    throw new ConfigError(
      'MIGRATION_DATABASE_URL',
      'applies to PostgreSQL only (DATABASE_URL is SQLite)',
    );
  return {
    onStart: parseOnOff('MIGRATE_ON_START', env['MIGRATE_ON_START'], demo),
    ownerUrl,
  };
}

function absolute(path: string, cwd: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}

function parseDatabase(
  url: string | undefined,
  dataDir: string,
): DatabaseConfig {
  if (!url)
    return { type: 'sqlite', file: resolve(dataDir, 'certdesk.sqlite') };
  if (/^postgres(ql)?:\/\/.+/.test(url)) return { type: 'postgres', url };
  if (/^sqlite:.+/.test(url))
    return { type: 'sqlite', file: url.slice('sqlite:'.length) };
  throw new ConfigError(
    'DATABASE_URL',
    'must be unset (SQLite under DATA_DIR), sqlite:<file> or postgres://user@host:port/db',
  );
}

function parseMode(
  value: string | undefined,
  database: DatabaseConfig,
): AppMode {
  if (value === undefined || value === '')
    return database.type === 'sqlite' ? 'demo' : 'production';
  if (value === 'demo' || value === 'production') return value;
  throw new ConfigError(
    'CERTDESK_MODE',
    `must be demo or production (got "${value}")`,
  );
}

const NAMED_PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

function parseTrustProxy(value: string | undefined): number | string[] {
  if (value === undefined || value.trim() === '') return ['loopback'];
  if (/^\d{1,2}$/.test(value.trim())) return Number(value.trim());
  const entries = value.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    const [address, prefix, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const prefixOk =
      prefix === undefined ||
      (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
    const ok =
      NAMED_PROXY_RANGES.includes(entry) ||
      (family !== 0 && prefixOk && extra === undefined);
    if (!ok)
      throw new ConfigError(
        'TRUST_PROXY',
        `must be a hop count (e.g. 1) or a comma-separated list of addresses, CIDR ranges, loopback, linklocal or uniquelocal (got "${entry}")`,
      );
  }
  return entries;
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ConfigError(
      'PORT',
      `must be an integer from 1 to 65535 (got "${value}")`,
    );
  }
  return port;
}

function parseNow(value: string | undefined): Date | null {
  if (!value) return null;
  const withZone =
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
  const instant = new Date(value);
  if (!withZone.test(value) || Number.isNaN(instant.getTime())) {
    throw new ConfigError(
      'CERTDESK_NOW',
      `must be an ISO-8601 instant with a zone, e.g. 2026-12-01T09:00:00+09:00 (got "${value}")`,
    );
  }
  return instant;
}

function parseDemoData(
  value: string | undefined,
  database: DatabaseConfig,
  mode: AppMode,
): boolean {
  if (value === undefined || value === '' || value === 'auto')
    return database.type === 'sqlite' && mode === 'demo';
  if (value === 'on') return true;
  if (value === 'off') return false;
  throw new ConfigError(
    'DEMO_DATA',
    `must be auto, on or off (got "${value}")`,
  );
}

function parseDemoPassword(value: string | undefined): string {
  if (value === undefined || value === '') return DEFAULT_DEMO_PASSWORD;
  if (value.length < 12)
    throw new ConfigError('DEMO_PASSWORD', 'must be at least 12 characters');
  return value;
}

function parseCrlBaseUrl(value: string | undefined, port: number): string {
  if (value === undefined || value === '') return `http://localhost:${port}`;
  if (!/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(value)) {
    throw new ConfigError(
      'CRL_BASE_URL',
      `must be an http(s) URL without query, e.g. http://crl.example.jp (got "${value}")`,
    );
  }
  return value.replace(/\/+$/, '');
}

function parseSmtpUrl(value: string | undefined): string | null {
  if (!value) return null;
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  if (
    !url ||
    !['smtp:', 'smtps:'].includes(url.protocol) ||
    !url.hostname ||
    !['', '/'].includes(url.pathname)
  ) {
    throw new ConfigError(
      'SMTP_URL',
      'must be smtp://host:port or smtps://host:port (user:password@ allowed), or unset for the local SMTP server',
    );
  }
  return value;
}

function parseSmtpPort(value: string | undefined): number {
  if (value === undefined || value === '') return 2525;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(
      'SMTP_PORT',
      `must be an integer from 0 (any free port) to 65535 (got "${value}")`,
    );
  }
  return port;
}

function parseMailFrom(value: string | undefined): string {
  if (value === undefined || value === '') return 'noreply@certdesk.localhost';
  if (!/^[^\s@<>"]+@[^\s@<>"]+$/.test(value))
    throw new ConfigError(
      'MAIL_FROM',
      `must be a bare e-mail address (got "${value}")`,
    );
  return value;
}

function parseOnOff(
  variable: string,
  value: string | undefined,
  fallback: boolean,
): boolean {
  if (value === undefined || value === '') return fallback;
  if (value === 'on') return true;
  if (value === 'off') return false;
  throw new ConfigError(variable, `must be on or off (got "${value}")`);
}

function parseDailyAt(value: string | undefined): string {
  if (value === undefined || value === '') return '06:00';
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(value))
    throw new ConfigError(
      'NOTICE_DAILY_AT',
      `must be HH:MM in JST, e.g. 06:00 (got "${value}")`,
    );
  return value;
}

export const DEFAULT_DEMO_PIN = '1234';
export const DEFAULT_DEMO_CONFIRMATION_PIN = '5678';
/** 暗証番号: 4 to 16 half-width letters and digits. */
export const PIN_FORMAT = /^[0-9A-Za-z]{4,16}$/;

function parseIb(env: Env, cwd: string): AppConfig['ib'] {
  const port = env['IB_TLS_PORT'];
  let tlsPort: number | null = 3443;
  if (port === 'off') tlsPort = null;
  else if (port !== undefined && port !== '') {
    tlsPort = Number(port);
    if (!Number.isInteger(tlsPort) || tlsPort < 0 || tlsPort > 65535) {
      throw new ConfigError(
        'IB_TLS_PORT',
        `must be off or an integer from 0 (any free port) to 65535 (got "${port}")`,
      );
    }
  }
  const certFile = env['IB_TLS_CERT']
    ? absolute(env['IB_TLS_CERT'], cwd)
    : null;
  const keyFile = env['IB_TLS_KEY'] ? absolute(env['IB_TLS_KEY'], cwd) : null;
  if ((certFile === null) !== (keyFile === null))
    throw new ConfigError(
      certFile ? 'IB_TLS_KEY' : 'IB_TLS_CERT',
      'must be set together with its pair (IB_TLS_CERT and IB_TLS_KEY)',
    );
  const pin = (variable: string, fallback: string): string => {
    const value = env[variable];
    if (value === undefined || value === '') return fallback;
    if (!PIN_FORMAT.test(value))
      throw new ConfigError(
        variable,
        'must be 4 to 16 half-width letters or digits',
      );
    return value;
  };
  return {
    tlsPort,
    certFile,
    keyFile,
    portalDir:
      env['IB_PORTAL_DIR'] === ''
        ? null
        : absolute(env['IB_PORTAL_DIR'] || 'dist/apps/ib-portal/browser', cwd),
    demoPin: pin('DEMO_PIN', DEFAULT_DEMO_PIN),
    demoConfirmationPin: pin(
      'DEMO_CONFIRMATION_PIN',
      DEFAULT_DEMO_CONFIRMATION_PIN,
    ),
  };
}
