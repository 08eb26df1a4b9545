import { Column, Entity } from 'typeorm';
import { UuidColumn, UuidPrimaryColumn } from '../infra/database/uuid-column';
import { InstantColumn } from '../infra/database/instant-column';

/**
 * A chain's head (last `seq` and its `hash`) as recorded once a JST day, signed with the audit key.
 * Append-only (triggers; the API's PostgreSQL role may only INSERT and SELECT): a later truncation of
 * the chain below a recorded head, or a rewrite of the record at that seq, shows on verification.
 */
@Entity('audit_head')
export class AuditHead {
  @UuidPrimaryColumn() id!: string;
  @UuidColumn() chain!: string;
  /** JST calendar day the head was recorded for (one per chain and day). */
  @Column({ type: 'varchar', length: 10 }) recordedOn!: string;
  @InstantColumn() recordedAt!: Date;
  @Column({ type: 'integer' }) seq!: number;
  @Column({ type: 'varchar', length: 64 }) hash!: string;
  /** HMAC-SHA-256 of the head (audit-heads.ts `headSignature`) under `AUDIT_HMAC_KEY`. */
  @Column({ type: 'varchar', length: 64 }) signature!: string;
}
