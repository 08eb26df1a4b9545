import { Column, Entity } from 'typeorm';
import { UuidColumn, UuidPrimaryColumn } from '../infra/database/uuid-column';
import type {
  StaffChangeKind,
  StaffChangeStatus,
  StaffRole,
} from '@certdesk/domain';
import { DecisionColumns } from '../infra/database/decision-columns';

/** A staff change waiting for a second admin of the same credit union (see libs/domain staff-change). */
@Entity('staff_change_request')
export class StaffChangeRequest extends DecisionColumns {
  @UuidPrimaryColumn() id!: string;
  @UuidColumn() creditUnionId!: string;
  @Column({ type: 'varchar', length: 16 }) kind!: StaffChangeKind;
  /** The account concerned; null for a creation until it is approved. */
  @UuidColumn({ nullable: true }) staffId!: string | null;
  /** The account's username (or the new one): one pending change per username. */
  @Column({ type: 'varchar', length: 64 }) username!: string;
  @Column({ type: 'varchar', length: 100 }) displayName!: string;
  @Column({ type: 'varchar', length: 16, nullable: true })
  role!: StaffRole | null;
  @Column({ type: 'varchar', length: 16, nullable: true })
  fromRole!: StaffRole | null;
  @Column({ type: 'varchar', length: 16 }) status!: StaffChangeStatus;
  @UuidColumn() requestedById!: string;
}
