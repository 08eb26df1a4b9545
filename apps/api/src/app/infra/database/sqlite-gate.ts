import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * SQLite has one writer, and TypeORM's better-sqlite3 driver runs everything on one shared
 * connection: two overlapping transactions would nest into each other (or fail with "cannot start
 * a transaction within a transaction"), and another request's query would silently join — and roll
 * back with — someone else's transaction. The gate makes units of work take turns in this process:
 * - `run(fn)`: fn has the database to itself (write requests, jobs); nested use is re-entrant;
 * - `transaction()` outside a unit becomes a unit of its own (inside one it becomes a savepoint);
 * - any other query waits for the current unit to finish.
 * On PostgreSQL (pool, real isolation) `run(fn)` just calls fn.
 */
export class SqliteGate {
  private readonly inside = new AsyncLocalStorage<true>();
  private tail: Promise<unknown> = Promise.resolve();

  /** Units of work queued for the database, and whether one holds it now (for the metrics). */
  waiting = 0;
  busy = false;

  constructor(readonly enabled: boolean) {}

  run<T>(fn: () => Promise<T>): Promise<T> {
    if (!this.enabled || this.inside.getStore()) return fn();
    this.waiting++;
    const result = this.tail.then(() => {
      this.waiting--;
      this.busy = true;
      return this.inside.run(true, fn).finally(() => {
        this.busy = false;
      });
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Routes the DataSource's transactions and stray queries through the gate (SQLite only). */
  install(dataSource: DataSource): void {
    if (!this.enabled) return;
    const manager = dataSource.manager;
    const transaction = manager.transaction.bind(manager) as (
      ...args: unknown[]
    ) => Promise<unknown>;
    manager.transaction = ((...args: unknown[]) =>
      this.run(() => transaction(...args))) as EntityManager['transaction'];
    const runner: QueryRunner = dataSource.driver.createQueryRunner('master'); // the one shared runner
    const query = runner.query.bind(runner) as (
      ...args: unknown[]
    ) => Promise<unknown>;
    runner.query = ((...args: unknown[]) =>
      this.run(() => query(...args))) as QueryRunner['query'];
  }
}

const gates = new WeakMap<DataSource, SqliteGate>();

/** The gate of a DataSource (created on first use). */
export function sqliteGate(dataSource: DataSource): SqliteGate {
  let gate = gates.get(dataSource);
  if (!gate) {
    gate = new SqliteGate(dataSource.options.type === 'better-sqlite3');
    gates.set(dataSource, gate);
  }
  return gate;
}
