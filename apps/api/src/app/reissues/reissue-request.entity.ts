import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReissueReason, ReissueStatus } from '@certdesk/domain';
import { InstantColumn } from '../infra/database/instant-column';

/** A 再発行 request: recorded by branch staff, decided by a manager who is not the requester. */
@Entity('reissue_request')
export class ReissueRequest {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) creditUnionId!: string;
  @Column({ type: 'varchar', length: 36 }) customerId!: string;
  @Column({ type: 'varchar', length: 36 }) ibUserId!: string;
  @Column({ type: 'varchar', length: 20 }) reason!: ReissueReason;
  @Column({ type: 'varchar', length: 500, nullable: true }) reasonText!:
    string | null;
  /** How the customer's identity was checked (registered seal on the 電子証明書再発行依頼書, ID document…). */
  @Column({ type: 'varchar', length: 200 }) identityCheck!: string;
  @Column({ type: 'date' }) formReceivedOn!: string;
  @Column({ type: 'varchar', length: 16 }) status!: ReissueStatus;
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
  /** Last JST day the customer may acquire (authorized requests). */
  @Column({ type: 'date', nullable: true }) authorizedUntil!: string | null;
  /** When it was cancelled, completed by an acquisition or found expired. */
  @InstantColumn({ nullable: true }) closedAt!: Date | null;
  /** JSON array of the certificate ids revoked on approval. */
  @Column({ type: 'text', nullable: true }) revokedCertificateIds!:
    string | null;
}
