import {
  Global,
  Injectable,
  Logger,
  MiddlewareConsumer,
  Module,
  NestMiddleware,
  NestModule,
  OnModuleDestroy,
} from '@nestjs/common';
import {
  getDataSourceToken,
  InjectDataSource,
  TypeOrmModule,
} from '@nestjs/typeorm';
import type { NextFunction, Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { AppConfig, ConfigError } from '../config/config';
import { APP_CONFIG } from '../config/app-config.module';
import { dataSourceOptions } from './data-source-options';
import { openMigrated, withSchemaPolicy } from './schema-policy';
import { SqliteGate, sqliteGate } from './sqlite-gate';
import { DatabaseHealth } from './database-health';
import { Transactions } from './transactions';

/** On SQLite, a request that may write has the database to itself until its response is sent. */
@Injectable()
export class SqliteWriteGateMiddleware implements NestMiddleware {
  constructor(private readonly gate: SqliteGate) {}

  use(req: Request, res: Response, next: NextFunction): void {
    if (!this.gate.enabled || req.method === 'GET' || req.method === 'HEAD')
      return next();
    void this.gate.run(
      () =>
        new Promise<void>((done) => {
          res.once('finish', done);
          res.once('close', done);
          next();
        }),
    );
  }
}

/**
 * SQLite's query planner chooses well only with statistics (`sqlite_stat1`): e.g. a rare company name
 * is found from its few matches instead of by walking the credit union's IB users in expiry order
 * (figures in docs/benchmarks.md). As SQLite advises for long-lived connections: `PRAGMA optimize=0x10002`
 * once the migrations have run, then `PRAGMA optimize` every hour (each analyses only what changed much).
 * PostgreSQL keeps its own statistics (autovacuum).
 */
@Injectable()
export class SqlitePlannerStatistics implements OnModuleDestroy {
  static readonly INTERVAL_MS = 60 * 60 * 1000;
  private readonly logger = new Logger(SqlitePlannerStatistics.name);
  private readonly timer?: NodeJS.Timeout;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    if (dataSource.options.type !== 'better-sqlite3') return;
    this.timer = setInterval(
      () => void this.optimize(),
      SqlitePlannerStatistics.INTERVAL_MS,
    ).unref();
  }

  static async atStart(dataSource: DataSource): Promise<void> {
    if (dataSource.options.type === 'better-sqlite3')
      await dataSource.query('PRAGMA optimize=0x10002');
  }

  async optimize(): Promise<void> {
    try {
      await this.dataSource.query('PRAGMA optimize');
    } catch (error) {
      this.logger.warn(`PRAGMA optimize failed: ${String(error)}`);
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }
}

/**
 * Connects (SQLite file or PostgreSQL) and, before anything else starts, runs the pending migrations
 * (`MIGRATE_ON_START=on`) or refuses a database that has some (`off`); see schema-policy.ts.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        withSchemaPolicy(
          {
            ...dataSourceOptions(config.database, config.ops.databasePoolSize),
            retryAttempts: 3,
            retryDelay: 1000,
            toRetry: (error: unknown) => !(error instanceof ConfigError),
          },
          config,
        ),
      dataSourceFactory: async (options) => {
        if (!options) throw new Error('No database options');
        const dataSource = await openMigrated(options);
        sqliteGate(dataSource).install(dataSource);
        await SqlitePlannerStatistics.atStart(dataSource);
        return dataSource;
      },
    }),
  ],
  providers: [
    {
      provide: SqliteGate,
      inject: [getDataSourceToken()],
      useFactory: (ds: DataSource) => sqliteGate(ds),
    },
    SqlitePlannerStatistics,
    Transactions,
    DatabaseHealth,
  ],
  exports: [SqliteGate, Transactions, DatabaseHealth],
})
export class DatabaseModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(SqliteWriteGateMiddleware).forRoutes('*path');
  }
}
