import { Column, Entity } from 'typeorm';
import type { AuditActorType, AuditOutcome } from '@certdesk/contracts';
import { UuidColumn, UuidPrimaryColumn } from '../infra/database/uuid-column';
import { InstantColumn } from '../infra/database/instant-column';

/**
 * One append-only audit record. `chain` is the credit union's id (or `system` for events
 * outside any tenant); `seq` numbers the records of a chain and `hash` links each to the previous.
 */
@Entity('audit_event')
export class AuditEvent {
  @UuidPrimaryColumn() id!: string;
  @UuidColumn() chain!: string;
  @Column({ type: 'integer' }) seq!: number;
  @UuidColumn({ nullable: true }) creditUnionId!: string | null;
  @InstantColumn() occurredAt!: Date;
  @Column({ type: 'varchar', length: 16 }) actorType!: AuditActorType;
  @UuidColumn({ nullable: true }) actorId!: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) actorName!:
    string | null;
  @Column({ type: 'varchar', length: 64 }) action!: string;
  @Column({ type: 'varchar', length: 32, nullable: true }) targetType!:
    string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) targetId!:
    string | null;
  @Column({ type: 'varchar', length: 16 }) outcome!: AuditOutcome;
  @Column({ type: 'varchar', length: 64, nullable: true }) ip!: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) requestId!:
    string | null;
  /** JSON object; never secrets. */
  @Column({ type: 'text' }) details!: string;
  @Column({ type: 'varchar', length: 64 }) prevHash!: string;
  @Column({ type: 'varchar', length: 64 }) hash!: string;
  /** How `hash` was computed (audit-hash.ts): 1 unkeyed SHA-256 (before migration 110), 2 HMAC. */
  @Column({ type: 'integer', default: 1 }) hashVersion!: number;
}
