// The built API as a child process on a free loopback port (part of environment.mjs, which re-exports it).
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  BENCH_DIR,
  BenchError,
  MAIN_JS,
  NOW,
  ROOT,
  SERVER_START_TIMEOUT_MS,
  StartError,
  baseEnv,
  fail,
  jstDay,
  stopChild,
  track,
} from './environment.mjs';

export function freePort() {
  return new Promise((resolveP, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolveP(port));
    });
  });
}

export async function startServer(target) {
  const port = await freePort();
  const logDir = join(BENCH_DIR, 'logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `server-${target.kind}.log`);
  const log = createWriteStream(logFile);
  const child = track(
    spawn(process.execPath, [MAIN_JS], {
      cwd: ROOT,
      env: { ...baseEnv(target), PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  for (;;) {
    if (exited)
      throw new StartError(
        `the server exited during start-up (log: ${relative(ROOT, logFile)}):\n${tail(logFile)}`,
      );
    if (Date.now() > deadline) {
      await stopChild(child);
      fail(
        `the server did not answer /api/health within ${SERVER_START_TIMEOUT_MS / 1000} s (log: ${relative(ROOT, logFile)})`,
      );
    }
    try {
      const res = await fetch(`${base}/api/health`, {
        signal: AbortSignal.timeout(2000),
      });
      const body = await res.json();
      if (res.ok && body.status === 'ok') {
        if (body.database?.type !== target.kind)
          fail(
            `the server runs on ${body.database?.type}, expected ${target.kind}`,
          );
        if (body.today !== jstDay(NOW))
          fail(
            `the server's business date is ${body.today}, expected ${jstDay(NOW)}`,
          );
        return { child, base, port, logFile };
      }
    } catch (error) {
      if (error instanceof BenchError) throw error;
      // not listening yet
    }
    await sleep(250);
  }
}

export function tail(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .slice(-lines)
      .join('\n');
  } catch {
    return '(no log)';
  }
}
