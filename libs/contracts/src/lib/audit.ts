/** One audit record as `GET /api/audit` lists it. */
export interface AuditRecord {
  id: string;
  seq: number;
  occurredAt: string;
  actorType: 'staff' | 'ib_user' | 'system' | 'anonymous';
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: 'success' | 'denied' | 'failure';
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
  /** The first record whose content, hash or link is wrong, or where a sequence number is missing. */
  firstBroken: {
    seq: number;
    id: string | null;
    reason: 'hash_mismatch' | 'link_mismatch' | 'missing';
  } | null;
  verifiedAt: string;
}
