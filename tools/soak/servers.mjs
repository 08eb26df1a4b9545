// The built API as soak child processes: each on its own loopback port and IB (mutual-TLS) port, all on one
// PostgreSQL database, the notice worker on (as in production), the clock pinned. RSS read from /proc.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  BenchError,
  CLI_JS,
  DEMO_PASSWORD,
  MAIN_JS,
  ROOT,
  SERVER_START_TIMEOUT_MS,
  fail,
  freePort,
  tail,
  track,
} from '../bench/lib/environment.mjs';

export const SOAK_DIR = join(ROOT, 'tmp/soak');

/** What every soak child gets: demo mode on PostgreSQL (pinned clock, local SMTP server), text logs. */
export function soakEnv(databaseUrl, now, extra = {}) {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    CERTDESK_MODE: 'demo',
    CERTDESK_NOW: now,
    DEMO_PASSWORD,
    LOG_FORMAT: 'text',
    LOG_LEVEL: process.env.SOAK_LOG_LEVEL || 'warn',
    CONSOLE_DIR: '',
    IB_PORTAL_DIR: '',
    CA_KEY_PASSPHRASE:
      process.env.CA_KEY_PASSPHRASE || 'certdesk-soak-ca-key-passphrase',
    // Each process its own local SMTP server (demo mode) on a free port.
    SMTP_PORT: '0',
    ...extra,
  };
}

/** Resident set size of a process in MiB (Linux /proc), or NaN once it is gone. */
export function rssMiB(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
    return kb / 1024;
  } catch {
    return NaN;
  }
}

/**
 * Starts dist/apps/api/main.js as soak process `name` and waits for /api/health. Returns its base URL, IB port,
 * the IB listener's server certificate (to verify it) and the child.
 */
export async function startApi(name, env) {
  const port = await freePort();
  const ibPort = await freePort();
  const dataDir = join(SOAK_DIR, `data-${name}`);
  mkdirSync(dataDir, { recursive: true });
  const logFile = join(SOAK_DIR, `${name}.log`);
  const log = createWriteStream(logFile);
  const child = track(
    spawn(process.execPath, [MAIN_JS], {
      cwd: ROOT,
      env: {
        ...env,
        PORT: String(port),
        IB_TLS_PORT: String(ibPort),
        DATA_DIR: dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
  for (;;) {
    if (exited)
      fail(
        `API process ${name} exited during start-up (log ${relative(ROOT, logFile)}):\n${tail(logFile)}`,
      );
    if (Date.now() > deadline)
      fail(`API process ${name} did not answer /api/health in time`);
    try {
      const res = await fetch(`${base}/api/health`, {
        signal: AbortSignal.timeout(2000),
      });
      const body = await res.json();
      if (res.ok && body.status === 'ok') {
        if (body.database?.type !== 'postgres')
          fail(`API process ${name} runs on ${body.database?.type}`);
        const serverCa = readFileSync(
          join(dataDir, 'ib-tls', 'server.crt'),
          'utf8',
        );
        return { name, child, base, ibPort, serverCa, logFile };
      }
    } catch (error) {
      if (error instanceof BenchError) throw error;
    }
    await sleep(250);
  }
}

/** `node dist/apps/api/cli.js <args>` on the soak database; fails on a non-zero exit. */
export async function cli(env, args) {
  const child = track(
    spawn(process.execPath, [CLI_JS, ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const code = await new Promise((r) => child.once('exit', r));
  if (code !== 0) fail(`cli ${args.join(' ')} failed (${code}):\n${output}`);
  return output.trim();
}
