import type { AuditEntry } from '../audit/audit-entry';

/**
 * A successful act of the system (or an operator's CLI command) on a credit union's issuing CA:
 * its creation, key re-wrap or import to the token, a CRL published.
 */
export function caEntry(
  ca: { id: string; creditUnionId: string },
  action: string,
  details: Record<string, unknown>,
  actorName = 'system',
): AuditEntry {
  return {
    action,
    outcome: 'success',
    creditUnionId: ca.creditUnionId,
    actorType: 'system',
    actorId: null,
    actorName,
    targetType: 'certificate_authority',
    targetId: ca.id,
    details,
  };
}
