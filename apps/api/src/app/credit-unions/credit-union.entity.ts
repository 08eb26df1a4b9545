import { Column, Entity } from 'typeorm';
import { UuidPrimaryColumn } from '../infra/database/uuid-column';
import type { SecondFactorPolicy } from '@certdesk/domain';
import { InstantColumn } from '../infra/database/instant-column';

/** A credit union (信用金庫): the tenant. Holds the per-bank policy settings of docs/domain.md. */
@Entity('credit_union')
export class CreditUnion {
  @UuidPrimaryColumn() id!: string;
  /** 4-digit 金融機関コード. */
  @Column({ type: 'varchar', length: 4 }) code!: string;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  /** 電子証明書媒体保管: the renewal button reads 「パソコンに保存する」. */
  @Column({ type: 'boolean', default: false }) mediaStorage!: boolean;
  @Column({ type: 'integer', default: 30 }) renewalWindowDays!: number;
  @Column({ type: 'integer', default: 90 }) selfServiceDaysAfterExpiry!: number;
  @Column({ type: 'integer', default: 1 }) certificateValidityYears!: number;
  @Column({ type: 'integer', default: 80 }) reissueAuthorizationDays!: number;
  @Column({ type: 'varchar', length: 20 }) helpDeskPhone!: string;
  @Column({ type: 'varchar', length: 100 }) helpDeskHours!: string;
  /** Staff second factor policy; null: the installation's default (STAFF_SECOND_FACTOR). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  secondFactorPolicy?: SecondFactorPolicy | null;
  @InstantColumn() createdAt!: Date;
}
