import { AuditEvent } from '../app/audit/audit-event.entity';
import type { TestApp } from './test-app';

/** The audit event of `action` (about `targetId`, when given); fails the test when there is none. */
export function auditEvent(
  t: TestApp,
  action: string,
  targetId?: string,
): Promise<AuditEvent> {
  return t.dataSource
    .getRepository(AuditEvent)
    .findOneByOrFail(
      targetId === undefined ? { action } : { action, targetId },
    );
}
