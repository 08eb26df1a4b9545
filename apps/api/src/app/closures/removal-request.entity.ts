import { Column, Entity } from 'typeorm';
import { UuidColumn, UuidPrimaryColumn } from '../infra/database/uuid-column';
import type { RemovalRequestStatus } from '@certdesk/domain';
import { DecisionColumns } from '../infra/database/decision-columns';

/**
 * A full-file import's removals above the safety threshold, held until a second manager or admin
 * approves them (libs/domain closure `removalsNeedApproval`). The rest of the import was applied.
 */
@Entity('removal_request')
export class RemovalRequest extends DecisionColumns {
  @UuidPrimaryColumn() id!: string;
  @UuidColumn() creditUnionId!: string;
  @Column({ type: 'varchar', length: 16 }) status!: RemovalRequestStatus;
  @Column({ type: 'varchar', length: 255, nullable: true }) fileName!:
    string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) fileSha256!:
    string | null;
  /** JSON array of the customer ids to close. */
  @Column({ type: 'text' }) customerIds!: string;
  /** JSON array of the IB user ids to remove (those of the closed customers included). */
  @Column({ type: 'text' }) ibUserIds!: string;
  @Column({ type: 'integer' }) closedCustomers!: number;
  @Column({ type: 'integer' }) removedIbUsers!: number;
  @Column({ type: 'integer' }) activeCustomers!: number;
  @Column({ type: 'integer' }) activeIbUsers!: number;
  @Column({ type: 'integer' }) thresholdPercent!: number;
  /** Null when the import ran under the system (CLI, inbox). */
  @UuidColumn({ nullable: true }) requestedById!: string | null;
}
