import { Column, Entity } from 'typeorm';
import { UuidColumn, UuidPrimaryColumn } from '../infra/database/uuid-column';
import type {
  ClosureSource,
  IbRole,
  IbUserStatus,
  OpenReissueStatus,
} from '@certdesk/domain';
import { InstantColumn } from '../infra/database/instant-column';

export type { IbRole } from '@certdesk/domain';
/** libs/domain `OpenReissueStatus`. */
export type ReissueState = OpenReissueStatus;

/**
 * 管理者 / 利用者: one IB log-in of a customer; each holds its own certificate.
 * `current*` mirror the current certificate so that search and dashboard derive the
 * lifecycle status from one indexed table (kept in step by the certificate services).
 */
@Entity('ib_user')
export class IbUser {
  @UuidPrimaryColumn() id!: string;
  @UuidColumn() creditUnionId!: string;
  @UuidColumn() customerId!: string;
  @Column({ type: 'varchar', length: 32 }) loginId!: string;
  @Column({ type: 'varchar', length: 16 }) ibRole!: IbRole;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) nameKana!:
    string | null;
  @Column({ type: 'varchar', length: 254, nullable: true }) email!:
    string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) pinHash!:
    string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) confirmPinHash!:
    string | null;
  @Column({ type: 'integer', default: 0 }) failedPinAttempts!: number;
  @InstantColumn({ nullable: true }) pinLockedAt!: Date | null;
  @UuidColumn({ nullable: true })
  currentCertificateId!: string | null;
  @Column({ type: 'date', nullable: true }) currentExpiryDate!: string | null;
  @Column({ type: 'boolean', default: false }) currentRevoked!: boolean;
  @Column({ type: 'varchar', length: 16, nullable: true })
  reissueState!: ReissueState | null;
  @InstantColumn() createdAt!: Date;
  @InstantColumn() updatedAt!: Date;
  /** `removed` (削除済み) once gone from the core system or removed by hand (libs/domain closure). */
  @Column({ type: 'varchar', length: 16, default: 'active' })
  status?: IbUserStatus;
  /** JST date of the removal. */
  @Column({ type: 'date', nullable: true }) removedOn?: string | null;
  @InstantColumn({ nullable: true }) removedAt?: Date | null;
  @Column({ type: 'varchar', length: 500, nullable: true })
  removalReason?: string | null;
  @Column({ type: 'varchar', length: 16, nullable: true })
  removalSource?: ClosureSource | null;
}
