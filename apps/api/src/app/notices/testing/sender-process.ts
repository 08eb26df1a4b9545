import { ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../../../..');
const CHILD = join(__dirname, 'sender-child.ts');

export interface Sender {
  child: ChildProcess;
  /** Resolves once the process has booted and waits for `go()`. */
  ready: Promise<void>;
  go(): void;
  exited: Promise<number | null>;
}

/** Boots a sender process whose clock stands at `now` (it starts sending on `go()`). */
export function bootSender(env: Record<string, string>, now: Date): Sender {
  const child = spawn(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      CHILD,
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        ...env,
        CERTDESK_NOW: now.toISOString(),
        TS_NODE_PROJECT: join(ROOT, 'apps/api/tsconfig.spec.json'),
      },
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<number | null>((done) =>
    child.once('exit', (code) => done(code)),
  );
  const ready = new Promise<void>((done, failed) => {
    child.stdout?.on(
      'data',
      (chunk: Buffer) => chunk.toString().includes('ready') && done(),
    );
    void exited.then((code) =>
      failed(new Error(`sender exited (${code}) before it was ready`)),
    );
  });
  return { child, ready, exited, go: () => child.stdin?.end('go\n') };
}
