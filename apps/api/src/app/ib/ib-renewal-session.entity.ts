import { Column, Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../infra/database/instant-column';

/** How the customer's browser labels the renewal action: 「更新」, or 「パソコンに保存する」 under media storage. */
export type RenewalAction = 'update' | 'save_to_pc';

/** 更新前処理: a single-use, short-lived permission to send one PKCS#10 for renewal. */
@Entity('ib_renewal_session')
export class IbRenewalSession {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) creditUnionId!: string;
  @Column({ type: 'varchar', length: 36 }) ibUserId!: string;
  /** The certificate the customer logged on with (the one being renewed). */
  @Column({ type: 'varchar', length: 36 }) certificateId!: string;
  @Column({ type: 'varchar', length: 16 }) action!: RenewalAction;
  @InstantColumn() createdAt!: Date;
  @InstantColumn() expiresAt!: Date;
  @InstantColumn({ nullable: true }) usedAt!: Date | null;
  @Column({ type: 'varchar', length: 36, nullable: true })
  issuedCertificateId!: string | null;
}
