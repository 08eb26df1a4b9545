import type { EntityManager } from 'typeorm';

/** In-process async mutexes by key: `run` calls one function per key at a time, in call order. */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(key) ?? Promise.resolve()).then(fn);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with a holder or waiters. */
  get size(): number {
    return this.tails.size;
  }
}

/** Namespace of the audit chain locks among the database's advisory locks (`AUDT`). */
const ADVISORY_NAMESPACE = 0x41554454;

export const isPostgres = (manager: EntityManager): boolean =>
  manager.connection.options.type === 'postgres';

/**
 * PostgreSQL: locks `chain` until the surrounding transaction ends (commit or rollback), across every
 * process using the database. Requires a transaction; other chains are not blocked.
 */
export async function lockChainForTransaction(
  manager: EntityManager,
  chain: string,
): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
    ADVISORY_NAMESPACE,
    chain,
  ]);
}
