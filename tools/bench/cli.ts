import { NestFactory } from '@nestjs/core';
import { parseOptions } from '../../apps/api/src/app/cli/args';
import type { Command } from '../../apps/api/src/app/cli/commands';
import type { OptionTypes } from '../../apps/api/src/app/cli/args';
import { CliModule } from '../../apps/api/src/app/cli/cli.module';
import { applySecretFiles } from '../../apps/api/src/app/infra/config/secret-files';
import { benchIssueCommand } from './issue/bench-issue.command';
import { benchNoticesCommand } from './notices/notice-bench.command';

/**
 * Benchmarks that run inside the API's Nest context, kept out of the product's CLI:
 * `npm run bench:issue -- [--count 200] [--postgres URL] [--token off]` and
 * `npm run bench:notices -- [--certificates 1000000] [--mails 5000] [--reset]` (ts-node, from source).
 */
const BENCHES: Record<string, { options: OptionTypes; run: Command }> = {
  'bench-issue': {
    options: { count: 'string', postgres: 'string', token: 'string' },
    run: benchIssueCommand,
  },
  'bench-notices': {
    options: { certificates: 'string', mails: 'string', reset: 'boolean' },
    run: benchNoticesCommand,
  },
};

async function main(): Promise<number> {
  applySecretFiles();
  const [name, ...args] = process.argv.slice(2);
  const bench = name ? BENCHES[name] : undefined;
  if (!bench) {
    console.error(
      `使い方: tools/bench/cli.ts <${Object.keys(BENCHES).join('|')}> [--オプション]`,
    );
    return 2;
  }
  const options = parseOptions(args, bench.options);
  const ctx = await NestFactory.createApplicationContext(CliModule, {
    logger: ['error', 'warn'],
  });
  try {
    return await bench.run(ctx, options);
  } finally {
    await ctx.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
