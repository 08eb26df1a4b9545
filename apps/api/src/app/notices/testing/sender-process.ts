import { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { spawnTs } from '../../../testing/ts-process';

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
  const child = spawnTs(CHILD, { ...env, CERTDESK_NOW: now.toISOString() }, [
    'pipe',
    'pipe',
    'inherit',
  ]);
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
