import { Column, Entity, PrimaryColumn } from 'typeorm';
import type {
  StaffChangeKind,
  StaffChangeStatus,
  StaffRole,
} from '@certdesk/domain';
import { InstantColumn } from '../infra/database/instant-column';

/** A staff change waiting for a second admin of the same credit union (see libs/domain staff-change). */
@Entity('staff_change_request')
export class StaffChangeRequest {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) creditUnionId!: string;
  @Column({ type: 'varchar', length: 16 }) kind!: StaffChangeKind;
  /** The account concerned; null for a creation until it is approved. */
  @Column({ type: 'varchar', length: 36, nullable: true }) staffId!:
    string | null;
  /** The account's username (or the new one): one pending change per username. */
  @Column({ type: 'varchar', length: 64 }) username!: string;
  @Column({ type: 'varchar', length: 100 }) displayName!: string;
  @Column({ type: 'varchar', length: 16, nullable: true })
  role!: StaffRole | null;
  @Column({ type: 'varchar', length: 16, nullable: true })
  fromRole!: StaffRole | null;
  @Column({ type: 'varchar', length: 16 }) status!: StaffChangeStatus;
  @Column({ type: 'varchar', length: 36 }) requestedById!: string;
  @Column({ type: 'varchar', length: 100 }) requestedByName!: string;
  @InstantColumn() requestedAt!: Date;
  @Column({ type: 'varchar', length: 36, nullable: true }) decidedById!:
    string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) decidedByName!:
    string | null;
  @InstantColumn({ nullable: true }) decidedAt!: Date | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) decisionComment!:
    string | null;
}
