import { Column, Entity } from 'typeorm';
import { UuidColumn, UuidPrimaryColumn } from '../infra/database/uuid-column';
import type { ReissueReason, ReissueStatus } from '@certdesk/domain';
import { DecisionColumns } from '../infra/database/decision-columns';
import { InstantColumn } from '../infra/database/instant-column';

/** A 再発行 request: recorded by branch staff, decided by a manager who is not the requester. */
@Entity('reissue_request')
export class ReissueRequest extends DecisionColumns {
  @UuidPrimaryColumn() id!: string;
  @UuidColumn() creditUnionId!: string;
  @UuidColumn() customerId!: string;
  @UuidColumn() ibUserId!: string;
  @Column({ type: 'varchar', length: 20 }) reason!: ReissueReason;
  @Column({ type: 'varchar', length: 500, nullable: true }) reasonText!:
    string | null;
  /** How the customer's identity was checked (registered seal on the 電子証明書再発行依頼書, ID document…). */
  @Column({ type: 'varchar', length: 200 }) identityCheck!: string;
  @Column({ type: 'date' }) formReceivedOn!: string;
  @Column({ type: 'varchar', length: 16 }) status!: ReissueStatus;
  @UuidColumn() requestedById!: string;
  /** Last JST day the customer may acquire (authorized requests). */
  @Column({ type: 'date', nullable: true }) authorizedUntil!: string | null;
  /** When it was cancelled, completed by an acquisition or found expired. */
  @InstantColumn({ nullable: true }) closedAt!: Date | null;
  /** JSON array of the certificate ids revoked on approval. */
  @Column({ type: 'text', nullable: true }) revokedCertificateIds!:
    string | null;
}
