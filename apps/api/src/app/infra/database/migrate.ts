import { Logger } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';
import { AppConfig, ConfigError, DatabaseConfig } from '../config/config';
import { dataSourceOptions } from './data-source-options';
import { grantApiRole } from './grants';

/** The migrations' session advisory lock on PostgreSQL (`CERT`, `MIGR`): one migrating process at a time. */
const MIGRATION_LOCK = [0x43455254, 0x4d494752] as const;
const MIGRATIONS_TABLE = 'migrations';

const migrationName = (migration: (typeof MIGRATIONS)[number]): string =>
  new migration().name ?? migration.name;

/** Names of the migrations this build has that the database has not applied yet (in order). */
export async function pendingMigrations(
  dataSource: DataSource,
): Promise<string[]> {
  const all = MIGRATIONS.map(migrationName);
  const runner = dataSource.createQueryRunner();
  try {
    if (!(await runner.hasTable(MIGRATIONS_TABLE))) return all;
    const rows = (await runner.query(
      `SELECT name FROM ${MIGRATIONS_TABLE}`,
    )) as { name: string }[];
    const applied = new Set(rows.map((row) => row.name));
    return all.filter((name) => !applied.has(name));
  } finally {
    await runner.release();
  }
}

async function withMigrationLock<T>(
  dataSource: DataSource,
  fn: () => Promise<T>,
): Promise<T> {
  if (dataSource.options.type !== 'postgres') return fn(); // SQLite: one writer per file anyway
  // A session lock on a connection of its own (the migrations take another): a second process
  // waits here until the first has finished, then finds nothing pending.
  const holder: QueryRunner = dataSource.createQueryRunner();
  await holder.connect();
  try {
    await holder.query('SELECT pg_advisory_lock($1, $2)', [...MIGRATION_LOCK]);
    try {
      return await fn();
    } finally {
      await holder.query('SELECT pg_advisory_unlock($1, $2)', [
        ...MIGRATION_LOCK,
      ]);
    }
  } finally {
    await holder.release();
  }
}

/**
 * Applies the pending migrations on `dataSource` under the migration lock and returns their names.
 * When `apiUrl` names another PostgreSQL role than the data source's, that role then gets exactly the
 * privileges the API needs (infra/database/grants.ts).
 */
export async function migrateWith(
  dataSource: DataSource,
  apiUrl: string | null = null,
): Promise<string[]> {
  return withMigrationLock(dataSource, async () => {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    if (apiUrl) await grantApiRole(dataSource, apiUrl);
    return ran.map((migration) => migration.name);
  });
}

/** The database the migrations run on: the owner role's (`MIGRATION_DATABASE_URL`) or DATABASE_URL's. */
export function migrationDatabase(
  config: Pick<AppConfig, 'database' | 'migrations'>,
): DatabaseConfig {
  return config.database.type === 'postgres' && config.migrations.ownerUrl
    ? { type: 'postgres', url: config.migrations.ownerUrl }
    : config.database;
}

/** `cli.js migrate` and the start with `MIGRATE_ON_START=on`: connects as the owner, migrates, grants, disconnects. */
export async function migrate(
  config: Pick<AppConfig, 'database' | 'migrations'>,
): Promise<string[]> {
  const dataSource = await new DataSource(
    dataSourceOptions(migrationDatabase(config)),
  ).initialize();
  try {
    const apiUrl =
      config.database.type === 'postgres' && config.migrations.ownerUrl
        ? config.database.url
        : null;
    if (config.database.type === 'postgres' && !apiUrl)
      new Logger('Migrations').warn(
        'MIGRATION_DATABASE_URL is unset: the API role owns the schema and could drop the audit log guards (see docs/operations.md, PostgreSQL)',
      );
    return await migrateWith(dataSource, apiUrl);
  } finally {
    await dataSource.destroy();
  }
}

/** A start with `MIGRATE_ON_START=off` refuses a database that is behind this build. */
export async function assertNoPendingMigrations(
  dataSource: DataSource,
): Promise<void> {
  const pending = await pendingMigrations(dataSource);
  if (pending.length === 0) return;
  throw new ConfigError(
    'MIGRATE_ON_START',
    `is off and the database has ${pending.length} pending migration(s) (${pending.join(', ')}): ` +
      'run the migrate step first (npm run migrate, or node dist/apps/api/cli.js migrate), then start again',
  );
}
