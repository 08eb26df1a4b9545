import { DataSource, DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/config';
import { assertNoPendingMigrations, migrate, migrateWith } from './migrate';

const SCHEMA_POLICY = Symbol('schemaPolicy');

type WithPolicy<T> = T & {
  [SCHEMA_POLICY]?: Pick<AppConfig, 'database' | 'migrations'>;
};

/** Carries the start's migration settings to the data source factory (which only receives options). */
export function withSchemaPolicy<T extends object>(
  options: T,
  config: Pick<AppConfig, 'database' | 'migrations'>,
): WithPolicy<T> {
  return Object.assign(options, { [SCHEMA_POLICY]: config });
}

/**
 * Opens the API's data source with its schema up to date:
 * - `MIGRATE_ON_START=on`: migrates first under the migration lock — as the owner role on its own
 *   connection when `MIGRATION_DATABASE_URL` is set (then grants the API role), else on this data source;
 * - `off`: refuses to start while a migration is pending (run `cli.js migrate` first).
 */
export async function openMigrated(
  options: WithPolicy<DataSourceOptions>,
): Promise<DataSource> {
  const policy = options[SCHEMA_POLICY];
  const separateOwner = Boolean(
    policy?.migrations.onStart && policy.migrations.ownerUrl,
  );
  if (policy && separateOwner) await migrate(policy);
  const dataSource = await new DataSource(options).initialize();
  try {
    if (policy?.migrations.onStart && !separateOwner)
      await migrateWith(dataSource);
    else await assertNoPendingMigrations(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
