import { NestFactory } from '@nestjs/core';
import { parseOptions, OptionTypes } from './args';
import { CliModule } from './cli.module';
import type { Command } from './commands';

/** A command run in a Nest context, with the options it takes. */
export interface CommandEntry {
  options: OptionTypes;
  run: Command;
}

/**
 * The entry named by the first argument, run in CliModule's context with the rest parsed as its
 * options (the context is closed after); an unknown name prints `usage` and returns 2.
 */
export async function runNamedCommand(
  entries: Readonly<Record<string, CommandEntry>>,
  argv: readonly string[],
  usage: (names: string) => string,
): Promise<number> {
  const [name, ...args] = argv;
  const entry = name ? entries[name] : undefined;
  if (!entry) {
    console.error(usage(Object.keys(entries).join('|')));
    return 2;
  }
  const options = parseOptions(args, entry.options);
  const ctx = await NestFactory.createApplicationContext(CliModule, {
    logger: ['error', 'warn'],
  });
  try {
    return await entry.run(ctx, options);
  } finally {
    await ctx.close();
  }
}

/** Runs `main` and exits with its code; an error prints its message and exits with 1. */
export function exitWith(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
