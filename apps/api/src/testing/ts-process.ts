import { ChildProcess, spawn, StdioOptions } from 'node:child_process';
import { join, resolve } from 'node:path';

/** The repository's root. */
export const ROOT = resolve(__dirname, '../../../..');

/**
 * Runs a TypeScript entry point of this repository in a process of its own, as the tests' own code
 * runs (ts-node, transpile only, the path aliases of tsconfig.spec.json), with `env` over ours.
 */
export function spawnTs(
  entry: string,
  env: Record<string, string>,
  stdio: StdioOptions,
): ChildProcess {
  return spawn(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      entry,
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        ...env,
        TS_NODE_PROJECT: join(ROOT, 'apps/api/tsconfig.spec.json'),
      },
      stdio,
    },
  );
}
