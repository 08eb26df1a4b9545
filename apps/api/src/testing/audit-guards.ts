import { AuditGuards1764000000001 } from '../migrations/1764000000001-audit-guards';
import type { TestApp } from './test-app';

/** Runs `fn` with the audit guards' migration reverted, then applies it again. */
export async function withGuardsMigrationReverted(
  t: TestApp,
  fn: () => Promise<unknown>,
): Promise<void> {
  const guards = new AuditGuards1764000000001();
  const runner = t.dataSource.createQueryRunner();
  await guards.down(runner);
  try {
    await fn();
  } finally {
    await guards.up(runner);
    await runner.release();
  }
}

/**
 * As an insider with database access (the schema's owner) could: the audit log's append-only
 * guards are off around `fn` — PostgreSQL's triggers disabled, SQLite's migration reverted.
 */
export async function withoutAuditGuards(
  t: TestApp,
  fn: () => Promise<unknown>,
): Promise<void> {
  if (t.config.database.type !== 'postgres')
    return withGuardsMigrationReverted(t, fn);
  await t.dataSource.query('ALTER TABLE audit_event DISABLE TRIGGER USER');
  try {
    await fn();
  } finally {
    await t.dataSource.query('ALTER TABLE audit_event ENABLE TRIGGER USER');
  }
}
