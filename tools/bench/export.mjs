#!/usr/bin/env node
// Bounded-memory measurement of the streamed CSV exports: one export of ≥ 100,000 rows over HTTP from the built API.
//
//   npm run bench:export [-- --only sqlite|postgres] [--certificates 900000] [--rows 100000] [--reseed]
//
// For each database: make sure it holds the export data set — one credit union (1001) seeded with the ops CLI
// (`cli.js seed --credit-unions 1 --certificates N --demo-staff`), about 12 % of whose IB users are locked out
// (expired, still self-service) — start dist/apps/api/main.js, sign in as compliance-1001 and download
// /api/reports/locked-out.csv in UTF-8 and in CP932 (which reads the rows twice: the scan for characters Shift_JIS
// lacks, then the export). While each download runs, the API process's resident memory is sampled from
// /proc/<pid>/status every 20 ms (VmRSS; VmHWM is reset before each export through /proc/<pid>/clear_refs and read
// after it). The client parses the CSV as it arrives (RFC 4180 quotes; every record must have the header's number of
// fields) and checks its row count against the export's audit record. Prints rows, bytes, seconds and peak RSS;
// the target is peak RSS ≤ 200 MB. A miss is reported, not a failure: this is a measurement.
//
// Environment: as tools/bench/search.mjs (BENCH_DATABASE_URL, BENCH_ADMIN_URL, DEMO_PASSWORD, CA_KEY_PASSPHRASE).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import {
  BENCH_DIR,
  BenchError,
  CLI_JS,
  MAIN_JS,
  NOW,
  ROOT,
  children,
  fail,
  formatDuration,
  login,
  logout,
  postgresTarget,
  sqliteTarget,
  stopChild,
} from './lib/environment.mjs';
import { parseOptions, prepare } from './lib/prepare.mjs';

const USER = 'compliance-1001';
const VARIANT = 'export';
const DEFAULT_CERTIFICATES = 900_000;
const DEFAULT_ROWS = 100_000;
const TARGET_PEAK_MB = 200;
const SAMPLE_MS = 20;
const DOWNLOAD_TIMEOUT_MS = 30 * 60_000;

const CASES = [
  {
    name: 'locked-out.csv UTF-8',
    report: 'locked-out',
    path: '/api/reports/locked-out.csv',
  },
  {
    name: 'locked-out.csv CP932',
    report: 'locked-out',
    path: '/api/reports/locked-out.csv?encoding=cp932&unmappable=replace',
  },
];

// ---------------------------------------------------------------------------------------------- memory

const MB = 1024 * 1024;

/** VmRSS and VmHWM of a process, in bytes. */
function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) *
    1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** Resets the process's VmHWM to its current RSS (Linux ≥ 4.0; we started the process, so we may). */
function resetPeak(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

function sampler(pid) {
  let peak = 0;
  const sample = () => {
    try {
      peak = Math.max(peak, memoryOf(pid).rss);
    } catch {
      // the process is gone: the download fails and says so
    }
  };
  sample();
  const timer = setInterval(sample, SAMPLE_MS);
  return { stop: () => (clearInterval(timer), sample(), peak) };
}

// ---------------------------------------------------------------------------------------------- CSV

/**
 * Counts the records of a CSV as its bytes arrive, and checks that each has `fields` fields. Quotes, commas and
 * line ends are ASCII, and no byte of a UTF-8 or Shift_JIS multi-byte character takes those values, so bytes do.
 */
class CsvCounter {
  records = 0;
  bad = 0;
  fields = null;
  inQuotes = false;
  commas = 0;
  bytes = 0;

  push(chunk) {
    this.bytes += chunk.length;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (b === 0x22) this.inQuotes = !this.inQuotes;
      else if (this.inQuotes) continue;
      else if (b === 0x2c) this.commas++;
      else if (b === 0x0a) {
        this.fields ??= this.commas + 1;
        if (this.commas + 1 !== this.fields) this.bad++;
        this.records++;
        this.commas = 0;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------- measurement

async function exportOnce(server, cookies, testCase) {
  const pid = server.child.pid;
  const before = memoryOf(pid).rss;
  const hwmReset = resetPeak(pid);
  const counter = new CsvCounter();
  const samples = sampler(pid);
  const started = performance.now();
  let firstByte = null;
  try {
    const res = await fetch(`${server.base}${testCase.path}`, {
      headers: { cookie: cookies.header() },
      signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
    });
    if (res.status !== 200)
      fail(
        `GET ${testCase.path} answered ${res.status}: ${(await res.text()).slice(0, 300)}`,
      );
    for await (const chunk of res.body) {
      firstByte ??= (performance.now() - started) / 1000;
      counter.push(chunk);
    }
  } finally {
    samples.peak = samples.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  const after = memoryOf(pid);
  return {
    case: testCase.name,
    report: testCase.report,
    rows: counter.records - 1,
    fields: counter.fields,
    badRecords: counter.bad,
    bytes: counter.bytes,
    seconds,
    firstByte,
    rowsPerSecond: (counter.records - 1) / seconds,
    rssBeforeMB: before / MB,
    peakRssMB: samples.peak / MB,
    hwmMB: hwmReset ? after.hwm / MB : null,
  };
}

/** The row count the server audited for its latest export of `report` in credit union 1001. */
async function auditedRows(target, report) {
  const [cu] = await target.query(
    "SELECT id FROM credit_union WHERE code = '1001'",
  );
  const [event] = await target.query(
    "SELECT details FROM audit_event WHERE chain = $1 AND action = 'report.export' AND target_id = $2 ORDER BY seq DESC LIMIT 1",
    [cu.id, report],
  );
  return event ? JSON.parse(event.details).rows : null;
}

async function benchDatabase(target, options) {
  const prepared = await prepare(target, options, 1);
  if (!prepared) return null;
  const { version, data, server } = prepared;
  const load = os.loadavg()[0];
  console.log(
    `  server pid ${server.child.pid} on ${server.base} (log: ${relative(ROOT, server.logFile)}), load average ${load.toFixed(1)}`,
  );
  const rows = [];
  let cookies = null;
  try {
    cookies = await login(server.base, USER);
    console.log(`  signed in as ${USER}`);
    for (const testCase of CASES) {
      process.stdout.write(
        `  ${testCase.name.padEnd(22)} GET ${testCase.path} … `,
      );
      const row = await exportOnce(server, cookies, testCase);
      row.audited = await auditedRows(target, testCase.report);
      rows.push(row);
      console.log(
        `${row.rows.toLocaleString('en')} rows, ${(row.bytes / MB).toFixed(1)} MB in ${row.seconds.toFixed(1)} s; ` +
          `RSS ${row.rssBeforeMB.toFixed(0)} MB before, peak ${row.peakRssMB.toFixed(0)} MB (VmHWM ${row.hwmMB?.toFixed(0) ?? 'n/a'} MB)`,
      );
      if (row.badRecords)
        fail(
          `${row.badRecords} records of ${testCase.path} do not have the header's ${row.fields} fields`,
        );
      if (row.audited !== row.rows)
        fail(
          `the client parsed ${row.rows} rows but the server audited ${row.audited}`,
        );
      if (row.rows < options.rows) {
        fail(
          `the export has ${row.rows.toLocaleString('en')} rows, fewer than --rows ${options.rows.toLocaleString('en')}: ` +
            'seed more (--certificates, with --reseed)',
        );
      }
    }
  } finally {
    if (cookies) await logout(server.base, cookies);
    await stopChild(server.child);
  }
  return { target, version, data, rows, load };
}

function table(outcome) {
  const header = [
    'export',
    'rows',
    'MB',
    'seconds',
    'rows/s',
    'first byte s',
    'RSS before MB',
    'peak RSS MB',
    'target',
    'result',
  ];
  const body = outcome.rows.map((r) => {
    const peak = Math.max(r.peakRssMB, r.hwmMB ?? 0);
    return [
      r.case,
      r.rows.toLocaleString('en'),
      (r.bytes / MB).toFixed(1),
      r.seconds.toFixed(1),
      Math.round(r.rowsPerSecond).toLocaleString('en'),
      r.firstByte.toFixed(2),
      r.rssBeforeMB.toFixed(0),
      peak.toFixed(0),
      `≤ ${TARGET_PEAK_MB} MB`,
      peak <= TARGET_PEAK_MB ? 'PASS' : 'MISS',
    ];
  });
  const widths = header.map((h, i) =>
    Math.max(h.length, ...body.map((row) => row[i].length)),
  );
  const numeric = header.map((_, i) => i > 0 && i < 8);
  const line = (cells) =>
    `| ${cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (numeric[i] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
}

async function main() {
  const options = parseOptions(
    process.argv.slice(2),
    { certificates: DEFAULT_CERTIFICATES, rows: DEFAULT_ROWS },
    { certificates: 1, rows: 1 },
    'npm run bench:export -- [--only postgres|sqlite] [--certificates 900000] [--rows 100000] [--reseed]',
  );
  for (const file of [MAIN_JS, CLI_JS]) {
    if (!existsSync(file))
      fail(
        `${relative(ROOT, file)} is missing: run \`npm run bench:export\` (it builds the API first)`,
      );
  }
  if (!existsSync('/proc/self/status'))
    fail('this benchmark reads /proc/<pid>/status (Linux only)');
  mkdirSync(BENCH_DIR, { recursive: true });
  const cpus = os.cpus();
  const startedAt = new Date();
  const header =
    `Export benchmark: ${startedAt.toISOString()} — ${cpus.length} × ${cpus[0]?.model?.trim()}, ` +
    `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}; one credit union seeded with ` +
    `${options.certificates.toLocaleString('en')} certificates, signed in as ${USER}, CERTDESK_NOW=${NOW}`;
  console.log(header);
  const targets = [
    postgresTarget(options.certificates, VARIANT),
    sqliteTarget(options.certificates, VARIANT),
  ].filter((t) => !options.only || t.kind === options.only);
  const outcomes = [];
  for (const target of targets) {
    const outcome = await benchDatabase(target, options);
    if (outcome) outcomes.push(outcome);
  }
  if (outcomes.length === 0) fail('no database could be measured');
  const report = [header, ''];
  for (const o of outcomes) {
    const seeded = o.data.seeded
      ? `seeded in this run: ${formatDuration(o.data.seconds)}`
      : 'existing data reused';
    report.push(
      `### ${o.target.label} — ${o.version} (${seeded}; load average ${o.load.toFixed(1)})`,
      '',
      table(o),
      '',
    );
  }
  const text = report.join('\n');
  console.log(`\n${text}`);
  writeFileSync(join(BENCH_DIR, 'last-export.md'), `${text}\n`);
  writeFileSync(
    join(BENCH_DIR, 'last-export.json'),
    JSON.stringify(
      {
        startedAt: startedAt.toISOString(),
        options,
        now: NOW,
        databases: outcomes.map((o) => ({
          kind: o.target.kind,
          version: o.version,
          where: o.target.where,
          seedSeconds: o.data.seconds,
          loadAverage: o.load,
          rows: o.rows,
        })),
      },
      null,
      2,
    ),
  );
  console.log(
    `(also written to ${relative(ROOT, join(BENCH_DIR, 'last-export.md'))} and last-export.json)`,
  );
}

main().then(
  () => process.exit(0),
  async (error) => {
    console.error(
      `\nbench:export failed: ${error instanceof BenchError ? error.message : (error?.stack ?? error)}`,
    );
    for (const child of children) child.kill('SIGKILL');
    process.exit(1);
  },
);
