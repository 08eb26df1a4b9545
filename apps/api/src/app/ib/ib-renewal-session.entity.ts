import { Column, Entity } from 'typeorm';
import { UuidColumn, UuidPrimaryColumn } from '../infra/database/uuid-column';
import { InstantColumn } from '../infra/database/instant-column';

/** How the customer's browser labels the renewal action: 「更新」, or 「パソコンに保存する」 under media storage. */
export type RenewalAction = 'update' | 'save_to_pc';

/** 更新前処理: a single-use, short-lived permission to send one PKCS#10 for renewal. */
@Entity('ib_renewal_session')
export class IbRenewalSession {
  @UuidPrimaryColumn() id!: string;
  @UuidColumn() creditUnionId!: string;
  @UuidColumn() ibUserId!: string;
  /** The certificate the customer logged on with (the one being renewed). */
  @UuidColumn() certificateId!: string;
  @Column({ type: 'varchar', length: 16 }) action!: RenewalAction;
  @InstantColumn() createdAt!: Date;
  @InstantColumn() expiresAt!: Date;
  @InstantColumn({ nullable: true }) usedAt!: Date | null;
  @UuidColumn({ nullable: true })
  issuedCertificateId!: string | null;
}
