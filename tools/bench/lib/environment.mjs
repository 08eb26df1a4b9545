// Shared by the benchmarks: bench databases (seeded with the ops CLI), the built API as a child process,
// a signed-in session. Only loopback addresses are used; every child is stopped on the way out.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import pg from 'pg';

export const ROOT = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../..',
);
export const MAIN_JS = join(ROOT, 'dist/apps/api/main.js');
export const CLI_JS = join(ROOT, 'dist/apps/api/cli.js');
export const BENCH_DIR = join(ROOT, 'tmp/bench');

export const NOW = '2026-12-01T09:00:00+09:00';
export const CREDIT_UNIONS = 4;
export const STAFF = 'branch_staff-1001';
export const DEMO_PASSWORD = process.env.DEMO_PASSWORD || 'certdesk-demo-2026';
export const DEFAULT_CERTIFICATES = 1_000_000;
export const PG_URL =
  process.env.BENCH_DATABASE_URL ||
  'postgres://root@127.0.0.1:5432/certdesk_bench';
export const PG_ADMIN_URL =
  process.env.BENCH_ADMIN_URL || 'postgres://root@127.0.0.1:5432/test';

// Time bounds: nothing this script starts may outlive them.
export const SEED_TIMEOUT_MS = 45 * 60_000;
export const SERVER_START_TIMEOUT_MS = 300_000; // migrations and the credit unions' CA keys on a first start
export const SERVER_STOP_TIMEOUT_MS = 10_000;
export const HTTP_TIMEOUT_MS = 15_000;

export class BenchError extends Error {}
/** The server would not start: on reused data, possibly a schema that an edited migration no longer matches. */
export class StartError extends BenchError {}
export function fail(message) {
  throw new BenchError(message);
}

// ---------------------------------------------------------------------------------------------- children

/** Every child process this script started and has not seen exit; killed on the way out. */
export const children = new Set();

export function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export async function stopChild(child, timeoutMs = SERVER_STOP_TIMEOUT_MS) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const stopped = await Promise.race([
    exited.then(() => true),
    sleep(timeoutMs).then(() => false),
  ]);
  if (!stopped) {
    console.log(
      `  process ${child.pid} did not stop within ${timeoutMs / 1000} s of SIGTERM: SIGKILL`,
    );
    child.kill('SIGKILL');
    await exited;
  }
}

export function onSignal(signal) {
  console.error(`\n${signal}: stopping ${children.size} child process(es)`);
  for (const child of children) child.kill('SIGKILL');
  process.exit(130);
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

// ---------------------------------------------------------------------------------------------- databases

export function assertLoopback(url, what) {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]', '::1'].includes(host)) {
    fail(`${what} must be on this machine (127.0.0.1), got host ${host}`);
  }
}

export function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The JST calendar day of an instant (Date, or SQLite's UTC text). */
export function jstDay(value) {
  const date =
    value instanceof Date
      ? value
      : new Date(
          /[zZ]|[+-]\d\d:\d\d$/.test(value)
            ? value
            : `${String(value).replace(' ', 'T')}Z`,
        );
  return new Date(date.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
}

/** Why the data on hand is not the benchmark data (or null when it is). */
export function problemWith(state, certificates) {
  if (!state.exists) return 'the database does not exist';
  if (!state.tables) return 'the schema is missing';
  if (state.certificates < certificates)
    return `it holds ${state.certificates.toLocaleString('en')} certificates, fewer than ${certificates.toLocaleString('en')}`;
  if (!state.staff)
    return `there is no staff account ${STAFF} (seeded without --demo-staff)`;
  if (!state.seededAt) return 'credit union 1001 is missing';
  if (jstDay(state.seededAt) !== jstDay(NOW))
    return `it was seeded on ${jstDay(state.seededAt)}, not on ${jstDay(NOW)} (CERTDESK_NOW)`;
  return null;
}

export const STATE_SQL = {
  certificates: 'SELECT COUNT(*) AS n FROM certificate',
  staff: 'SELECT COUNT(*) AS n FROM staff_user WHERE username = $1',
  seededAt: "SELECT created_at AS at FROM credit_union WHERE code = '1001'",
};

/** `variant` names a benchmark's own data set (e.g. `export`: one credit union), kept apart from the others. */
export function postgresTarget(certificates, variant = '') {
  assertLoopback(PG_URL, 'BENCH_DATABASE_URL');
  assertLoopback(PG_ADMIN_URL, 'BENCH_ADMIN_URL');
  const base = `${new URL(PG_URL).pathname.slice(1)}${variant ? `_${variant}` : ''}`;
  const name =
    certificates === DEFAULT_CERTIFICATES ? base : `${base}_${certificates}`;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    fail(`unsupported database name "${name}"`);
  if (name === new URL(PG_ADMIN_URL).pathname.slice(1))
    fail(
      'BENCH_DATABASE_URL and BENCH_ADMIN_URL must name different databases',
    );
  const url = withDatabase(PG_URL, name);
  const client = (connectionString) =>
    new pg.Client({
      connectionString,
      connectionTimeoutMillis: 5000,
      statement_timeout: 600_000,
    });
  const connected = async (fn) => {
    const c = client(url);
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  const admin = async (fn) => {
    const c = client(PG_ADMIN_URL);
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  return {
    kind: 'postgres',
    database: name,
    label: 'PostgreSQL',
    where: url,
    env: { DATABASE_URL: url, DATA_DIR: join(BENCH_DIR, 'postgres-data') },
    async reachable() {
      try {
        const version = await admin(
          async (c) =>
            (await c.query('SHOW server_version')).rows[0].server_version,
        );
        return { ok: true, version: `PostgreSQL ${version}` };
      } catch (error) {
        return { ok: false, reason: error.message || error.code };
      }
    },
    async state() {
      const c = client(url);
      try {
        await c.connect();
      } catch (error) {
        if (error.code === '3D000') return { exists: false };
        throw error;
      }
      try {
        const {
          rows: [t],
        } = await c.query(
          "SELECT to_regclass('certificate') IS NOT NULL AND to_regclass('staff_user') IS NOT NULL AND to_regclass('credit_union') IS NOT NULL AS ok",
        );
        if (!t.ok) return { exists: true, tables: false };
        const n = Number((await c.query(STATE_SQL.certificates)).rows[0].n);
        const staff =
          Number((await c.query(STATE_SQL.staff, [STAFF])).rows[0].n) > 0;
        const seededAt =
          (await c.query(STATE_SQL.seededAt)).rows[0]?.at ?? null;
        return { exists: true, tables: true, certificates: n, staff, seededAt };
      } finally {
        await c.end();
      }
    },
    async recreate() {
      await admin(async (c) => {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.query(`CREATE DATABASE "${name}"`);
      });
    },
    /** What autovacuum does shortly after a bulk load, done now so it does not run during the measurement. */
    async afterSeed() {
      await connected((c) => c.query('VACUUM ANALYZE'));
      return 'VACUUM ANALYZE';
    },
    /** Rows of a read-only query (`$1` parameters). */
    query(sql, params = []) {
      return connected(async (c) => (await c.query(sql, params)).rows);
    },
  };
}

export function sqliteTarget(certificates, variant = '') {
  const dir = join(BENCH_DIR, 'sqlite');
  const base = `certdesk${variant ? `-${variant}` : ''}`;
  const file = join(
    dir,
    certificates === DEFAULT_CERTIFICATES
      ? `${base}.sqlite`
      : `${base}-${certificates}.sqlite`,
  );
  const open = () =>
    new Database(file, { readonly: true, fileMustExist: true });
  return {
    kind: 'sqlite',
    label: 'SQLite',
    where: relative(ROOT, file),
    // sqlite:<file> rather than DATA_DIR so that a smaller run gets its own file name.
    env: { DATABASE_URL: `sqlite:${file}`, DATA_DIR: dir },
    async reachable() {
      const db = new Database(':memory:');
      try {
        return {
          ok: true,
          version: `SQLite ${db.prepare('SELECT sqlite_version() AS v').get().v} (better-sqlite3)`,
        };
      } finally {
        db.close();
      }
    },
    async state() {
      if (!existsSync(file)) return { exists: false };
      const db = open();
      try {
        const tables =
          db
            .prepare(
              "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('certificate', 'staff_user', 'credit_union')",
            )
            .get().n === 3;
        if (!tables) return { exists: true, tables: false };
        const q = (sql) => sql.replace('$1', '?');
        const n = db.prepare(q(STATE_SQL.certificates)).get().n;
        const staff = db.prepare(q(STATE_SQL.staff)).get(STAFF).n > 0;
        const seededAt = db.prepare(STATE_SQL.seededAt).get()?.at ?? null;
        return { exists: true, tables: true, certificates: n, staff, seededAt };
      } finally {
        db.close();
      }
    },
    async recreate() {
      mkdirSync(dir, { recursive: true });
      for (const suffix of ['', '-wal', '-shm', '-journal'])
        rmSync(`${file}${suffix}`, { force: true });
    },
    // The app never runs ANALYZE on SQLite, so neither does the benchmark: it measures what production would see.
    async afterSeed() {
      return null;
    },
    /** Rows of a read-only query (`$1` parameters), beside the running server (WAL). */
    async query(sql, params = []) {
      const db = open();
      try {
        return db.prepare(sql.replace(/\$\d+/g, '?')).all(...params);
      } finally {
        db.close();
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------- seed

export function baseEnv(target) {
  return {
    ...process.env,
    ...target.env,
    // A measurement, not an installation: demo mode on PostgreSQL too (pinned clock, local SMTP server).
    CERTDESK_MODE: 'demo',
    CERTDESK_NOW: NOW,
    DEMO_DATA: 'off',
    DEMO_PASSWORD,
    LOG_FORMAT: 'text',
    CONSOLE_DIR: '',
    // Outside demo mode the API wants a passphrase for the CA keys it keeps in the database; the bench
    // database gets its own (reused on the next run, so keep it stable).
    CA_KEY_PASSPHRASE:
      process.env.CA_KEY_PASSPHRASE || 'certdesk-bench-ca-key-passphrase',
    // No background work during the measurement: no notice runs, and the local SMTP server on any free port.
    NOTICE_WORKER: 'off',
    SMTP_PORT: '0',
    // The staff API is measured: no IB channel listener (it would also claim port 3443).
    IB_TLS_PORT: 'off',
    IB_PORTAL_DIR: '',
  };
}

export async function seed(target, certificates, creditUnions = CREDIT_UNIONS) {
  const args = [
    CLI_JS,
    'seed',
    '--credit-unions',
    String(creditUnions),
    '--certificates',
    String(certificates),
    '--demo-staff',
  ];
  console.log(
    `  seeding: node ${relative(ROOT, CLI_JS)} ${args.slice(1).join(' ')}`,
  );
  const started = performance.now();
  const child = track(
    spawn(process.execPath, args, {
      cwd: ROOT,
      env: baseEnv(target),
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const prefix = (chunk) =>
    process.stdout.write(String(chunk).replace(/^(?=.)/gm, '  | '));
  child.stdout.on('data', prefix);
  child.stderr.on('data', prefix);
  const timer = setTimeout(() => {
    console.log(
      `  the seed did not finish within ${SEED_TIMEOUT_MS / 60_000} min: killing it`,
    );
    child.kill('SIGKILL');
  }, SEED_TIMEOUT_MS);
  const [code, signal] = await new Promise((r) =>
    child.once('exit', (c, s) => r([c, s])),
  );
  clearTimeout(timer);
  if (code !== 0)
    fail(`the seed failed (exit ${code ?? signal}) on ${target.label}`);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `  seed took ${formatDuration(seconds)} (${Math.round(certificates / seconds).toLocaleString('en')} certificates/s, wall clock incl. start-up)`,
  );
  return seconds;
}

export async function ensureData(
  target,
  certificates,
  force = false,
  creditUnions = CREDIT_UNIONS,
) {
  const problem = force
    ? 'a rebuild was asked for'
    : problemWith(await target.state(), certificates);
  if (!problem) {
    console.log(
      `  ${target.where}: ≥ ${certificates.toLocaleString('en')} certificates and ${STAFF} present — reusing it`,
    );
    return { seeded: false, seconds: null };
  }
  console.log(`  ${target.where}: ${problem} — rebuilding`);
  await target.recreate();
  const seconds = await seed(target, certificates, creditUnions);
  const recheck = problemWith(await target.state(), certificates);
  if (recheck)
    fail(`after seeding, ${target.where} is still not usable: ${recheck}`);
  const started = performance.now();
  const step = await target.afterSeed();
  if (step)
    console.log(
      `  ${step} took ${formatDuration((performance.now() - started) / 1000)}`,
    );
  return { seeded: true, seconds };
}

export { freePort, startServer, tail } from './server.mjs';
export { Cookies, login, logout, probe } from './session.mjs';

export function formatDuration(seconds) {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  return `${Math.floor(seconds / 60)} min ${(seconds % 60).toFixed(0).padStart(2, '0')} s (${seconds.toFixed(0)} s)`;
}
