#!/usr/bin/env node
// Starts the built API (which serves the built console) for Playwright: port 3100, the IB channel's
// mutual-TLS listener with the built IB portal on 3543, a fresh SQLite database with demo data, and
// the clock pinned to 2026-12-01 09:00 JST. Removes the database on exit.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dataDir = mkdtempSync(join(tmpdir(), 'certdesk-e2e-'));
const child = spawn(process.execPath, ['dist/apps/api/main.js'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PORT: process.env.E2E_PORT ?? '3100',
    IB_TLS_PORT: process.env.E2E_IB_TLS_PORT ?? '3543',
    IB_PORTAL_DIR: 'dist/apps/ib-portal/browser',
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    DEMO_DATA: 'on',
    CERTDESK_NOW: process.env.E2E_NOW ?? '2026-12-01T09:00:00+09:00',
    LOG_FORMAT: 'text',
  },
});
const stop = () => child.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => {
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
