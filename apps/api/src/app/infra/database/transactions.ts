import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** What a unit of work gets: repositories take it to run their statements in the transaction. */
export type Manager = EntityManager;

/**
 * The unit of work for services: `transactions.run(async (em) => …)` commits what the repositories
 * did with `em` at once, or nothing. Services take this rather than the `DataSource`; the SQL itself
 * lives in the `*.repository.ts` files (lint: no `DataSource` outside infra/ and repositories).
 */
@Injectable()
export class Transactions {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  run<T>(work: (manager: Manager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The manager outside any transaction (each statement commits on its own). */
  get manager(): Manager {
    return this.dataSource.manager;
  }
}
