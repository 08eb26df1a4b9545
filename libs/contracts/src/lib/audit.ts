/** How an audited action ended: done, refused by the access rules, or failed. */
export const AUDIT_OUTCOMES = ['success', 'denied', 'failure'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** Who acted: a member of staff, an IB user, the system's own jobs, or someone not signed in. */
export type AuditActorType = 'staff' | 'ib_user' | 'system' | 'anonymous';

/** One audit record as `GET /api/audit` lists it. */
export interface AuditRecord {
  id: string;
  seq: number;
  occurredAt: string;
  actorType: AuditActorType;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: AuditOutcome;
  ip: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
  hash: string;
}

/** `GET /api/audit?from=&to=&action=&actor=&outcome=&cursor=&limit=` */
export interface AuditPage {
  items: AuditRecord[];
  nextCursor: string | null;
}

/** `GET /api/audit/verify`: recomputes the credit union's chain. */
export interface AuditVerification {
  intact: boolean;
  checked: number;
  /**
   * The first break: a record whose content, hash or link is wrong, a missing sequence number, records
   * missing from the end below a recorded head (`truncated`), a record that differs from its recorded
   * head (`head_mismatch`), a head whose signature is wrong (`head_forged`), or an unkeyed record
   * where only keyed ones may be (`downgraded`).
   */
  firstBroken: {
    seq: number;
    id: string | null;
    reason:
      | 'hash_mismatch'
      | 'link_mismatch'
      | 'missing'
      | 'truncated'
      | 'head_mismatch'
      | 'head_forged'
      | 'downgraded';
  } | null;
  /** Signed daily heads checked against the chain. */
  headsChecked?: number;
  verifiedAt: string;
}

/** `GET /api/audit/verification`: the last verification of the credit union's chain (daily or on demand). */
export interface AuditLastVerification {
  /** Null when the chain has never been verified. */
  last: (AuditVerification & { scheduled: boolean }) | null;
  /** The last signed head recorded for the chain (null before the first). */
  lastHead: { seq: number; recordedAt: string } | null;
}
