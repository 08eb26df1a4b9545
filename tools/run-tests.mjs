#!/usr/bin/env node
// `npm test`: Prettier check, lint, every jest project (TZ=UTC, then the date-sensitive specs again in
// America/Los_Angeles), then Playwright in Chromium. Ends with one line "N passed, N failed".
// Integration tests also run on PostgreSQL when TEST_DATABASE_URL is set.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = 'dist/test-results';
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
const env = {
  ...process.env,
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
};
let passed = 0;
let failed = 0;
let broken = false;

function run(title, cmd, args, extraEnv = {}) {
  console.log(`\n=== ${title} ===`);
  const r = spawnSync(cmd, args, {
    stdio: 'inherit',
    env: { ...env, ...extraEnv },
  });
  if (r.status !== 0) {
    console.error(`*** ${title} failed (exit ${r.status ?? r.signal})`);
    broken = true;
  }
  return r.status === 0;
}

function countJest(file) {
  if (!existsSync(file)) return void (broken = true);
  const j = JSON.parse(readFileSync(file, 'utf8'));
  passed += j.numPassedTests;
  failed += j.numFailedTests + j.numRuntimeErrorTestSuites;
}

function countPlaywright(file) {
  if (!existsSync(file)) return void (broken = true);
  const s = JSON.parse(readFileSync(file, 'utf8')).stats;
  passed += s.expected + s.flaky;
  failed += s.unexpected;
  if (s.skipped > 0)
    console.error(`*** Playwright skipped ${s.skipped} test(s)`);
}

run('format (prettier --check)', 'npx', [
  'prettier',
  '--check',
  '.',
  '--log-level=warn',
]);
run('lint', 'npx', ['nx', 'run-many', '-t', 'lint', '--output-style=static']);
run(
  'jest (TZ=UTC)',
  'npx',
  [
    'jest',
    '--ci',
    '--forceExit',
    '--json',
    `--outputFile=${results}/jest-utc.json`,
  ],
  { TZ: 'UTC' },
);
countJest(`${results}/jest-utc.json`);
run(
  'jest (TZ=America/Los_Angeles: domain, notice-templates and the API date rules)',
  'npx',
  [
    'jest',
    '--ci',
    '--forceExit',
    '--selectProjects',
    'domain',
    'notice-templates',
    'api',
    // In a second time zone, what computes, stores or shows JST dates: every spec of libs/domain and
    // libs/notice-templates, and the API's areas with date rules (expiry, notices, reports, imports,
    // IB windows, reissue deadlines, issuance, retention, the audit's days).
    '--testPathPatterns',
    '^.*/libs/',
    '/apps/api/src/app/(notices|certificates|reports|seed|ib|import|closures|customers|dashboard|retention|reissues|audit)/',
    '/apps/api/src/app/(pki/issuance|health/health)\\.e2e-spec\\.ts$',
    // Within those, what tests crashes, processes, limits, query plans or sizes rather than dates: once, in
    // the UTC run (it kept the whole run under CI's 90 minutes on a slow day: 2026-12-07).
    '--testPathIgnorePatterns',
    '/node_modules/',
    'notice-crash',
    'two-processes',
    'slow-template',
    'outbox-claim',
    'notice-due-read',
    'search-plans',
    'large-export',
    'ib-burst',
    'ib-acquisition-limits',
    '--json',
    `--outputFile=${results}/jest-la.json`,
  ],
  { TZ: 'America/Los_Angeles' },
);
countJest(`${results}/jest-la.json`);
run(
  'playwright (Chromium)',
  'npx',
  ['nx', 'e2e', 'console-e2e', '--output-style=static'],
  { CI: 'true' },
);
countPlaywright(`${results}/playwright.json`);

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(broken || failed > 0 ? 1 : 0);
