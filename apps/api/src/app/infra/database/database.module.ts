import { Global, Injectable, MiddlewareConsumer, Module, NestMiddleware, NestModule } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import type { NextFunction, Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { dataSourceOptions } from './data-source-options';
import { SqliteGate, sqliteGate } from './sqlite-gate';

/** On SQLite, a request that may write has the database to itself until its response is sent. */
@Injectable()
export class SqliteWriteGateMiddleware implements NestMiddleware {
  constructor(private readonly gate: SqliteGate) {}

  use(req: Request, res: Response, next: NextFunction): void {
    if (!this.gate.enabled || req.method === 'GET' || req.method === 'HEAD') return next();
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

/** Connects (SQLite file or PostgreSQL) and runs pending migrations before anything else starts. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config.database), retryAttempts: 3, retryDelay: 1000 }),
      dataSourceFactory: async (options) => {
        if (!options) throw new Error('No database options');
        const dataSource = await new DataSource(options).initialize();
        sqliteGate(dataSource).install(dataSource);
        return dataSource;
      },
    }),
  ],
  providers: [{ provide: SqliteGate, inject: [getDataSourceToken()], useFactory: (ds: DataSource) => sqliteGate(ds) }],
  exports: [SqliteGate],
})
export class DatabaseModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(SqliteWriteGateMiddleware).forRoutes('*path');
  }
}
