import {
  EntityManager,
  EntityTarget,
  FindOptionsWhere,
  ObjectLiteral,
} from 'typeorm';
import { isPostgres } from '../audit/chain-lock';

/**
 * Reads a row for update inside a transaction: `SELECT … FOR UPDATE` on PostgreSQL (other writers
 * of the row wait until commit); on SQLite the process's transactions already take turns (SqliteGate).
 */
export function lockedFindOne<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  where: FindOptionsWhere<T>,
): Promise<T | null> {
  if (!manager.queryRunner?.isTransactionActive)
    throw new Error('lockedFindOne needs a transaction');
  return manager.findOne(entity, {
    where,
    ...(isPostgres(manager)
      ? { lock: { mode: 'pessimistic_write' as const } }
      : {}),
  });
}
