import type { CommandEntry } from '../../apps/api/src/app/cli/run-command';
import {
  exitWith,
  runNamedCommand,
} from '../../apps/api/src/app/cli/run-command';
import { applySecretFiles } from '../../apps/api/src/app/infra/config/secret-files';
import { benchIssueCommand } from './issue/bench-issue.command';
import { benchNoticesCommand } from './notices/notice-bench.command';

/**
 * Benchmarks that run inside the API's Nest context, kept out of the product's CLI:
 * `npm run bench:issue -- [--count 200] [--postgres URL] [--token off]` and
 * `npm run bench:notices -- [--certificates 1000000] [--mails 5000] [--reset]` (ts-node, from source).
 */
const BENCHES: Record<string, CommandEntry> = {
  'bench-issue': {
    options: { count: 'string', postgres: 'string', token: 'string' },
    run: benchIssueCommand,
  },
  'bench-notices': {
    options: { certificates: 'string', mails: 'string', reset: 'boolean' },
    run: benchNoticesCommand,
  },
};

exitWith(async () => {
  applySecretFiles();
  return runNamedCommand(
    BENCHES,
    process.argv.slice(2),
    (names) => `使い方: tools/bench/cli.ts <${names}> [--オプション]`,
  );
});
