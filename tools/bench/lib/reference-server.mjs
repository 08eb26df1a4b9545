// The ceiling the floor is compared with: a bare node:http server in its own process on the same machine, answering a
// small JSON body like /api/health/live does. Nothing of ours runs in it (no Nest, no Express, no database).
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, track } from './environment.mjs';

const SOURCE = `
const body = JSON.stringify({ status: 'live' });
require('node:http')
  .createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  })
  .listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('ready\\n'));
`;

/** Starts the reference server on a free loopback port; `{ base, child }` once it answers. */
export async function startReferenceServer() {
  const port = await freePort();
  const child = track(
    spawn(process.execPath, ['-e', SOURCE], {
      env: { ...process.env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  await new Promise((resolve, reject) => {
    child.stdout.once('data', resolve);
    child.once('exit', (code) =>
      reject(new Error(`the reference server exited (${code})`)),
    );
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    try {
      if ((await fetch(base)).ok) return { base, child };
    } catch {
      await sleep(100);
    }
  }
  throw new Error('the reference server does not answer');
}
