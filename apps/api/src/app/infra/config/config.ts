import { isIP } from 'node:net';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import {
  ConfigError,
  directory,
  Env,
  matching,
  onOff,
  oneOf,
  parseEnv,
  port,
  refuse,
  secret,
  text,
  variable,
} from './env-schema';
import {
  IMPORT_INBOX_ENV,
  ImportInboxConfig,
  importInbox,
} from './import-config';
import { CaKeystoreConfig, parseCaKeystore } from './keystore-config';
import { OPS_ENV, OpsConfig, ops } from './ops-config';
import {
  MIN_AUDIT_HMAC_KEY_LENGTH,
  MIN_CA_KEY_PASSPHRASE_LENGTH,
} from './secrets-config';
import { parseSecondFactor, SecondFactorConfig } from './second-factor-config';

export { ConfigError } from './env-schema';

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

export const DEFAULT_DEMO_PASSWORD = 'certdesk-demo-2026';
export const DEFAULT_DEMO_PIN = '1234';
export const DEFAULT_DEMO_CONFIRMATION_PIN = '5678';
/** 暗証番号: 4 to 16 half-width letters and digits. */
export const PIN_FORMAT = /^[0-9A-Za-z]{4,16}$/;

const POSTGRES_URL = /^postgres(ql)?:\/\/.+/;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const INSTANT_WITH_ZONE =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const NAMED_PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * Every variable of the API but the CA keystore and the second factor (whose rules span several
 * variables and the mode: keystore-config.ts, second-factor-config.ts). In the order they are
 * checked; `undefined` where the default depends on other variables.
 */
export const ENV_SCHEMA = z.object({
  DATA_DIR: text('./data'),
  DATABASE_URL: variable((url): DatabaseConfig => {
    if (POSTGRES_URL.test(url)) return { type: 'postgres', url };
    if (/^sqlite:.+/.test(url))
      return { type: 'sqlite', file: url.slice('sqlite:'.length) };
    return refuse(
      'must be unset (SQLite under DATA_DIR), sqlite:<file> or postgres://user@host:port/db',
    );
  }),
  CERTDESK_MODE: oneOf(['demo', 'production'] as const),
  PORT: port(1, 3000),
  TRUST_PROXY: variable(trustProxy),
  CERTDESK_NOW: variable((value) => {
    const instant = new Date(value);
    return INSTANT_WITH_ZONE.test(value) && !Number.isNaN(instant.getTime())
      ? instant
      : refuse(
          `must be an ISO-8601 instant with a zone, e.g. 2026-12-01T09:00:00+09:00 (got "${value}")`,
        );
  }, null),
  DEMO_DATA: oneOf(['auto', 'on', 'off'] as const, 'auto' as const),
  DEMO_PASSWORD: variable(
    (value) =>
      value.length >= 12 ? value : refuse('must be at least 12 characters'),
    DEFAULT_DEMO_PASSWORD,
  ),
  CONSOLE_DIR: directory('dist/apps/console/browser'),
  LOG_FORMAT: text(),
  ...OPS_ENV,
  API_DOCS: onOff(),
  SMTP_URL: variable(smtpUrl, null),
  SMTP_PORT: port(0, 2525),
  MAIL_FROM: matching(
    /^[^\s@<>"]+@[^\s@<>"]+$/,
    'must be a bare e-mail address',
    'noreply@certdesk.localhost',
  ),
  NOTICE_WORKER: onOff(true),
  NOTICE_DAILY_AT: matching(HH_MM, 'must be HH:MM in JST, e.g. 06:00', '06:00'),
  CA_KEY_PASSPHRASE: secret(MIN_CA_KEY_PASSPHRASE_LENGTH),
  CRL_BASE_URL: matching(
    /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/,
    'must be an http(s) URL without query, e.g. http://crl.example.jp',
  ),
  IB_TLS_PORT: variable((value) => {
    const n = Number(value);
    if (value === 'off') return null;
    return Number.isInteger(n) && n >= 0 && n <= 65535
      ? n
      : refuse(
          `must be off or an integer from 0 (any free port) to 65535 (got "${value}")`,
        );
  }),
  IB_TLS_CERT: text(null),
  IB_TLS_KEY: text(null),
  IB_PORTAL_DIR: directory('dist/apps/ib-portal/browser'),
  DEMO_PIN: pin(DEFAULT_DEMO_PIN),
  DEMO_CONFIRMATION_PIN: pin(DEFAULT_DEMO_CONFIRMATION_PIN),
  MIGRATION_DATABASE_URL: matching(
    POSTGRES_URL,
    'must be postgres://owner@host:port/db (the role that owns the schema; PostgreSQL only)',
    null,
    false,
  ),
  MIGRATE_ON_START: onOff(),
  AUDIT_HMAC_KEY: secret(
    MIN_AUDIT_HMAC_KEY_LENGTH,
    ' (e.g. openssl rand -hex 32)',
  ),
  AUDIT_WATCH: onOff(true),
  ...IMPORT_INBOX_ENV,
});

export type AppEnv = z.output<typeof ENV_SCHEMA>;

/**
 * Reads and validates the environment, at boot: the API's processes take it once, through
 * {@link appConfig}. A bad value names its variable.
 */
export function loadConfig(
  env: Env = process.env,
  cwd = process.cwd(),
): AppConfig {
  const v = parseEnv(ENV_SCHEMA, env);
  const { dataDir, database, mode, migrations } = storage(v, env, cwd);
  const served = (path: string | null) =>
    path === null ? null : absolute(path, cwd);
  return {
    mode,
    port: v.PORT,
    trustProxy: v.TRUST_PROXY ?? ['loopback'],
    dataDir,
    database,
    fixedNow: v.CERTDESK_NOW,
    demoData:
      v.DEMO_DATA === 'auto'
        ? database.type === 'sqlite' && mode === 'demo'
        : v.DEMO_DATA === 'on',
    demoPassword: v.DEMO_PASSWORD,
    consoleDir: served(v.CONSOLE_DIR),
    logJson: v.LOG_FORMAT !== 'text',
    ops: ops(v),
    apiDocs: v.API_DOCS ?? mode === 'demo',
    smtp: { url: v.SMTP_URL, localPort: v.SMTP_PORT, from: v.MAIL_FROM },
    notices: { worker: v.NOTICE_WORKER, dailyAt: v.NOTICE_DAILY_AT },
    caKeyPassphrase: v.CA_KEY_PASSPHRASE,
    caKeystore: parseCaKeystore(env, cwd),
    crlBaseUrl:
      v.CRL_BASE_URL?.replace(/\/+$/, '') ?? `http://localhost:${v.PORT}`,
    ib: {
      tlsPort: v.IB_TLS_PORT === undefined ? 3443 : v.IB_TLS_PORT,
      ...tlsFiles(v, cwd),
      portalDir: served(v.IB_PORTAL_DIR),
      demoPin: v.DEMO_PIN,
      demoConfirmationPin: v.DEMO_CONFIRMATION_PIN,
    },
    migrations,
    audit: { hmacKey: v.AUDIT_HMAC_KEY, watch: v.AUDIT_WATCH },
    importInbox: importInbox(v, cwd),
    secondFactor: parseSecondFactor(env, mode, v.PORT),
  };
}

let loaded: AppConfig | undefined;

/**
 * The process's configuration: read from `process.env` on first use (after main.ts applied the
 * `*_FILE` secrets), then the same object for main.ts, the Nest module and the CLI.
 */
export function appConfig(): AppConfig {
  loaded ??= loadConfig();
  return loaded;
}

/**
 * Only what the migrate step needs (`DATABASE_URL`, `DATA_DIR`, `MIGRATION_DATABASE_URL`,
 * `MIGRATE_ON_START`): a migrate job runs without the API's secrets.
 */
export function loadMigrationConfig(
  env: Env = process.env,
  cwd = process.cwd(),
): Pick<AppConfig, 'database' | 'migrations'> {
  const v = parseEnv(
    ENV_SCHEMA.pick({
      DATA_DIR: true,
      DATABASE_URL: true,
      CERTDESK_MODE: true,
      MIGRATION_DATABASE_URL: true,
      MIGRATE_ON_START: true,
    }),
    env,
  );
  const { database, migrations } = storage(v, env, cwd);
  return { database, migrations };
}

/** The data directory, the database, the mode (it follows the database unless set) and migrations. */
function storage(
  v: Pick<
    AppEnv,
    | 'DATA_DIR'
    | 'DATABASE_URL'
    | 'CERTDESK_MODE'
    | 'MIGRATION_DATABASE_URL'
    | 'MIGRATE_ON_START'
  >,
  env: Env,
  cwd: string,
): Pick<AppConfig, 'dataDir' | 'database' | 'mode' | 'migrations'> {
  const dataDir = absolute(v.DATA_DIR, cwd);
  const database: DatabaseConfig = v.DATABASE_URL ?? {
    type: 'sqlite',
    file: resolve(dataDir, 'certdesk.sqlite'),
  };
  const mode =
    v.CERTDESK_MODE ?? (database.type === 'sqlite' ? 'demo' : 'production');
  if (v.MIGRATION_DATABASE_URL !== null && database.type !== 'postgres')
    throw new ConfigError(
      'MIGRATION_DATABASE_URL',
      'applies to PostgreSQL only (DATABASE_URL is SQLite)',
    );
  return {
    dataDir,
    database,
    mode,
    migrations: {
      onStart: v.MIGRATE_ON_START ?? mode === 'demo',
      ownerUrl: v.MIGRATION_DATABASE_URL,
    },
  };
}

function absolute(path: string, cwd: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}

function trustProxy(value: string): number | string[] {
  if (value.trim() === '') return ['loopback'];
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
      refuse(
        `must be a hop count (e.g. 1) or a comma-separated list of addresses, CIDR ranges, loopback, linklocal or uniquelocal (got "${entry}")`,
      );
  }
  return entries;
}

function smtpUrl(value: string): string {
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
  )
    refuse(
      'must be smtp://host:port or smtps://host:port (user:password@ allowed), or unset for the local SMTP server',
    );
  return value;
}

function pin(fallback: string) {
  return matching(
    PIN_FORMAT,
    'must be 4 to 16 half-width letters or digits',
    fallback,
    false,
  );
}

function tlsFiles(
  v: Pick<AppEnv, 'IB_TLS_CERT' | 'IB_TLS_KEY'>,
  cwd: string,
): Pick<AppConfig['ib'], 'certFile' | 'keyFile'> {
  const certFile = v.IB_TLS_CERT === null ? null : absolute(v.IB_TLS_CERT, cwd);
  const keyFile = v.IB_TLS_KEY === null ? null : absolute(v.IB_TLS_KEY, cwd);
  if ((certFile === null) !== (keyFile === null))
    throw new ConfigError(
      certFile ? 'IB_TLS_KEY' : 'IB_TLS_CERT',
      'must be set together with its pair (IB_TLS_CERT and IB_TLS_KEY)',
    );
  return { certFile, keyFile };
}
