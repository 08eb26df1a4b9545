import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { types } from 'pg';
import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';
import { DatabaseConfig } from '../config/config';
import { ENTITIES } from './entities';
import { PreparingClient } from './prepared-statements';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** One definition for the app, the CLIs and the tests. Schema changes only through migrations. */
export function dataSourceOptions(
  database: DatabaseConfig,
  /** PostgreSQL connections of this process (`DATABASE_POOL_SIZE`). */
  poolSize = 10,
): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    // Run explicitly (infra/database/migrate.ts): under a lock, as the owner role, or refused when off.
    migrationsRun: false,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    // A null/undefined in a `where` must never widen a query (e.g. to every tenant).
    invalidWhereValuesBehavior: {
      null: 'throw' as const,
      undefined: 'throw' as const,
    },
    logging: ['error' as const, 'warn' as const, 'migration' as const],
  };
  if (database.type === 'postgres') {
    // A DATE is a calendar date: keep 'YYYY-MM-DD' (node-pg would make a local-midnight Date of it).
    types.setTypeParser(types.builtins.DATE, (value: string) => value);
    // Short, concurrent requests: a parallel plan's worker start-up costs more than it saves and takes
    // the cores the other requests need (figures in docs/benchmarks.md).
    const options = '-c max_parallel_workers_per_gather=0';
    return {
      ...common,
      type: 'postgres',
      url: database.url,
      extra: { max: poolSize, options, Client: PreparingClient },
    };
  }
  if (database.file !== ':memory:')
    mkdirSync(dirname(database.file), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: database.file,
    enableWAL: database.file !== ':memory:',
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
    },
  };
}
