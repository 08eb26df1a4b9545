import type { AuditEvent, AuditOutcome } from './audit-event.entity';

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
