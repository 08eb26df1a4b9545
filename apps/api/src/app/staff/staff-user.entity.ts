import { Column, Entity } from 'typeorm';
import { UuidColumn, UuidPrimaryColumn } from '../infra/database/uuid-column';
import { InstantColumn } from '../infra/database/instant-column';
import type { StaffRole } from '@certdesk/domain';

/** 職員: a back-office user of the console, in exactly one credit union. */
@Entity('staff_user')
export class StaffUser {
  @UuidPrimaryColumn() id!: string;
  @UuidColumn() creditUnionId!: string;
  /** Unique across the installation (log-in takes the username alone). */
  @Column({ type: 'varchar', length: 64 }) username!: string;
  @Column({ type: 'varchar', length: 100 }) displayName!: string;
  @Column({ type: 'varchar', length: 16 }) role!: StaffRole;
  @Column({ type: 'varchar', length: 200 }) passwordHash!: string;
  @Column({ type: 'boolean', default: true }) mustChangePassword!: boolean;
  @InstantColumn({ nullable: true }) disabledAt!: Date | null;
  @Column({ type: 'integer', default: 0 }) failedLoginCount!: number;
  @InstantColumn({ nullable: true }) lockedUntil!: Date | null;
  /** Has a passkey or a confirmed one-time code (kept with the factors, read with every session). */
  @Column({ type: 'boolean', default: false }) secondFactorEnrolled?: boolean;
  @InstantColumn() createdAt!: Date;
  @InstantColumn() updatedAt!: Date;
}
