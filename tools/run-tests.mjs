#!/usr/bin/env node
// `npm test`: Prettier check, lint, every jest project (TZ=UTC, then the date-sensitive ones again in
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
  'jest (TZ=America/Los_Angeles: domain, notice-templates and api)',
  'npx',
  [
    'jest',
    '--ci',
    '--forceExit',
    '--selectProjects',
    'domain',
    'notice-templates',
    'api',
    // The production install (npm ci --omit=dev in a temporary folder) and the PKCS#11 keystore (SoftHSM2)
    // have no dates: once, in the UTC run.
    '--testPathIgnorePatterns',
    '/node_modules/',
    'production-install',
    '/pki/keystore/',
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
