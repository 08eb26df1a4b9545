import { COMMANDS } from './app/cli/commands';
import { parseOptions } from './app/cli/args';
import { backupCommand, restoreCommand } from './app/cli/backup.command';
import { exitWith, runNamedCommand } from './app/cli/run-command';
import { applySecretFiles } from './app/infra/config/secret-files';
import { migrateCommand } from './app/cli/migrate.command';

/** Ops commands: `node dist/apps/api/cli.js <migrate|seed|import|…> [--options]` (see docs/operations.md). */
async function main(): Promise<number> {
  applySecretFiles(); // <NAME>_FILE (Docker secrets) before any configuration is read
  const [command, ...args] = process.argv.slice(2);
  // SQLite backup and restore need no Nest context (restore must not open the database it replaces).
  if (command === 'backup')
    return backupCommand(parseOptions(args, { out: 'string' }));
  if (command === 'restore')
    return restoreCommand(parseOptions(args, { from: 'string' }));
  if (command === 'migrate') {
    parseOptions(args, {}); // takes no options: refuses any
    return migrateCommand();
  }
  return runNamedCommand(
    COMMANDS,
    process.argv.slice(2),
    (names) => `使い方: cli.js <migrate|${names}> [--オプション]`,
  );
}

exitWith(main);
