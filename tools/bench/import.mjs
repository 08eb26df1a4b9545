#!/usr/bin/env node
// 取込 of a 100,000-line customer file through the console's API, on the built API.
//
//   npm run bench:import [-- --only sqlite|postgres] [--rows 100000]
//
// For each database: reseed one small credit union (1001, 1,000 certificates, demo staff) with the ops CLI, start
// dist/apps/api/main.js, sign in as manager-1001, then
//   1. POST /api/imports with a generated file of --rows lines (new customers, 4 IB users each, each with a
//      certificate; UTF-8) — the check (dry run), timed;
//   2. POST /api/imports/:id/apply and poll GET /api/imports/:id every 250 ms until it is applied — timed, with the
//      progress seen;
//   3. the same file again: its check (every line unchanged), timed.
// The API process's resident memory is sampled from /proc/<pid>/status every 20 ms during each step (peak VmRSS; VmHWM
// is reset before each step through /proc/<pid>/clear_refs and read after it). Prints a table; figures go to
// tmp/bench/import-last-run.md. A measurement, not a test: nothing fails on a slow figure.
//
// Environment: as tools/bench/search.mjs (BENCH_DATABASE_URL, BENCH_ADMIN_URL, DEMO_PASSWORD, CA_KEY_PASSPHRASE).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import {
  BENCH_DIR,
  CLI_JS,
  MAIN_JS,
  ROOT,
  fail,
  login,
  logout,
  postgresTarget,
  sqliteTarget,
  stopChild,
} from './lib/environment.mjs';
import { parseOptions, prepare } from './lib/prepare.mjs';

const USER = 'manager-1001';
const VARIANT = 'import';
const SEED_CERTIFICATES = 1_000;
const DEFAULT_ROWS = 100_000;
const USERS_PER_CUSTOMER = 4;
const MB = 1024 * 1024;

const HEADER =
  'credit_union_code,branch_code,contract_number,company_name,company_name_kana,contact_email,ib_login_id,ib_role,ib_user_name,ib_user_email,cert_serial,cert_not_before,cert_expiry_date';

/** `rows` lines for credit union 1001: customers of 4 IB users, each with a certificate. */
function generate(rows) {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const c = Math.floor(i / USERS_PER_CUSTOMER);
    const contract = `6${String(c).padStart(9, '0')}`;
    const branch = String(1 + (c % 30)).padStart(3, '0');
    const user = i % USERS_PER_CUSTOMER;
    const month = String(1 + (i % 12)).padStart(2, '0');
    lines.push(
      [
        '1001',
        branch,
        contract,
        `株式会社ベンチ商事${c}`,
        `ｶ)ﾍﾞﾝﾁｼﾖｳｼﾞ${c}`,
        `keiri${c}@bench.example.jp`,
        `bench-${c}-${user}`,
        user === 0 ? 'administrator' : 'user',
        `利用者 ${c}-${user}`,
        `user${c}-${user}@bench.example.jp`,
        `be${(i + 1).toString(16).padStart(8, '0')}`,
        '',
        `2027-${month}-15`,
      ].join(','),
    );
  }
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}

function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) *
    1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

function resetPeak(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Runs `fn` while sampling the server's RSS: seconds, peak RSS (MB), RSS before (MB), VmHWM (MB or null). */
async function measured(pid, fn) {
  const before = memoryOf(pid).rss;
  const hwmReset = resetPeak(pid);
  let peak = before;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, memoryOf(pid).rss);
    } catch {
      // the process is gone: the request fails and says so
    }
  }, 20);
  const started = performance.now();
  try {
    const value = await fn();
    const seconds = (performance.now() - started) / 1000;
    const { rss, hwm } = memoryOf(pid);
    peak = Math.max(peak, rss);
    return {
      value,
      seconds,
      beforeMB: before / MB,
      peakMB: peak / MB,
      hwmMB: hwmReset ? hwm / MB : null,
    };
  } finally {
    clearInterval(timer);
  }
}

async function call(base, cookies, method, path, body, headers = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      cookie: cookies.header(),
      'x-xsrf-token': cookies.get('XSRF-TOKEN') ?? '',
      ...headers,
    },
    body,
    signal: AbortSignal.timeout(30 * 60_000),
  });
  const text = await res.text();
  if (!res.ok)
    fail(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

async function benchDatabase(target, file, options) {
  const prepared = await prepare(
    target,
    { certificates: SEED_CERTIFICATES, reseed: true, only: options.only },
    1,
  );
  if (!prepared) return null;
  const { version, server } = prepared;
  const pid = server.child.pid;
  const cookies = await login(server.base, USER);
  const steps = [];
  const upload = () =>
    call(server.base, cookies, 'POST', '/api/imports?name=bench.csv', file, {
      'content-type': 'text/csv',
    });
  try {
    const check = await measured(pid, upload);
    if (check.value.status !== 'planned')
      fail(
        `the check answered ${check.value.status}: ${JSON.stringify(check.value.errors.slice(0, 3))}`,
      );
    steps.push({ step: 'check (dry run), all new', ...check });
    console.log(
      `  check: ${check.seconds.toFixed(1)} s, peak RSS ${check.peakMB.toFixed(0)} MB — ${JSON.stringify(check.value.summary.customers)}`,
    );
    const id = check.value.id;
    let progressSeen = 0;
    const apply = await measured(pid, async () => {
      let run = await call(
        server.base,
        cookies,
        'POST',
        `/api/imports/${id}/apply`,
      );
      while (run.status === 'applying') {
        await new Promise((r) => setTimeout(r, 250));
        try {
          run = await call(server.base, cookies, 'GET', `/api/imports/${id}`);
        } catch (error) {
          // SQLite: the apply's transaction holds the one connection, so a poll waits for its end and
          // may pass fetch's 300 s header timeout; ask again.
          if (!(error instanceof TypeError)) throw error;
          continue;
        }
        if (run.progress?.done) progressSeen++;
      }
      return run;
    });
    if (apply.value.status !== 'applied')
      fail(`apply ended ${apply.value.status}: ${apply.value.message}`);
    steps.push({ step: 'apply (all or nothing)', ...apply });
    console.log(
      `  apply: ${apply.seconds.toFixed(1)} s, peak RSS ${apply.peakMB.toFixed(0)} MB, progress seen in ${progressSeen} polls`,
    );
    const again = await measured(pid, upload);
    steps.push({ step: 'check again, all unchanged', ...again });
    console.log(
      `  check again: ${again.seconds.toFixed(1)} s, peak RSS ${again.peakMB.toFixed(0)} MB — ${JSON.stringify(again.value.summary.ibUsers)}`,
    );
  } finally {
    await logout(server.base, cookies);
    await stopChild(server.child);
  }
  return { target, version, steps };
}

function table(outcome, rows, bytes) {
  const lines = [
    '| step | lines | MB | seconds | lines/s | RSS before MB | peak RSS MB | VmHWM MB |',
    '| ---- | ----: | -: | ------: | ------: | ------------: | ----------: | -------: |',
  ];
  for (const s of outcome.steps)
    lines.push(
      `| ${s.step} | ${rows.toLocaleString('en')} | ${(bytes / MB).toFixed(1)} | ${s.seconds.toFixed(1)} | ` +
        `${Math.round(rows / s.seconds).toLocaleString('en')} | ${s.beforeMB.toFixed(0)} | ${s.peakMB.toFixed(0)} | ${s.hwmMB?.toFixed(0) ?? 'n/a'} |`,
    );
  return lines.join('\n');
}

async function main() {
  const options = parseOptions(
    process.argv.slice(2),
    { rows: DEFAULT_ROWS },
    { rows: 1 },
    'npm run bench:import -- [--only postgres|sqlite] [--rows 100000]',
  );
  for (const f of [MAIN_JS, CLI_JS])
    if (!existsSync(f))
      fail(
        `${relative(ROOT, f)} is missing: run \`npm run bench:import\` (it builds the API first)`,
      );
  mkdirSync(BENCH_DIR, { recursive: true });
  const file = generate(options.rows);
  const cpus = os.cpus();
  const header =
    `Import benchmark: ${new Date().toISOString()} — ${cpus.length} × ${cpus[0]?.model?.trim()}, ` +
    `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}; ${options.rows.toLocaleString('en')} lines ` +
    `(${(file.length / MB).toFixed(1)} MB, UTF-8), load average ${os.loadavg()[0].toFixed(1)}`;
  console.log(header);
  const report = [header, ''];
  for (const target of [
    postgresTarget(SEED_CERTIFICATES, VARIANT),
    sqliteTarget(SEED_CERTIFICATES, VARIANT),
  ].filter((t) => !options.only || t.kind === options.only)) {
    const outcome = await benchDatabase(target, file, options);
    if (!outcome) continue;
    report.push(
      `${target.label} (${outcome.version}):`,
      '',
      table(outcome, options.rows, file.length),
      '',
    );
  }
  writeFileSync(join(BENCH_DIR, 'import-last-run.md'), report.join('\n'));
  console.log(`\n${report.join('\n')}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
