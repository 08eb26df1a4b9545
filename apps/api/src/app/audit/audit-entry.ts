import type { AuditOutcome } from '@certdesk/contracts';
import type { AuditEvent } from './audit-event.entity';

/**
 * What a caller hands to `AuditService.record`. Actor, credit union, IP and request id are
 * taken from the request context when not given. `details` must never hold secrets
 * (passwords, PINs, tokens, private keys).
 */
export interface AuditEntry {
  action: string;
  outcome: AuditOutcome;
  targetType?: string | null;
  targetId?: string | null;
  details?: Record<string, unknown>;
  /** Override the context (auth events before a session exists, system jobs). */
  creditUnionId?: string | null;
  actorType?: AuditEvent['actorType'];
  actorId?: string | null;
  actorName?: string | null;
}

/**
 * A staff member's own successful act on their account where the request context does not name
 * them yet (a log-in, a passkey log-in): actor and target are that staff member.
 */
export function ownAccountEntry(
  staff: { id: string; username: string; creditUnionId: string | null },
  action: string,
  details: Record<string, unknown>,
): AuditEntry {
  return {
    action,
    outcome: 'success',
    creditUnionId: staff.creditUnionId,
    actorType: 'staff',
    actorId: staff.id,
    actorName: staff.username,
    targetType: 'staff_user',
    targetId: staff.id,
    details,
  };
}

/**
 * A successful act on one target by whoever the request context names (actor, credit union, IP
 * and request id are filled in by `AuditService`).
 */
export function successEntry(
  action: string,
  targetType: string,
  targetId: string,
  details: Record<string, unknown>,
): AuditEntry {
  return { action, outcome: 'success', targetType, targetId, details };
}
