import { Column, Entity } from 'typeorm';
import {
  UuidColumn,
  UuidPrimaryColumn,
} from '../../infra/database/uuid-column';
import type { NoticeKind } from '@certdesk/notice-templates';
import {
  NOTICE_DELIVERY_STATUSES,
  NoticeDeliveryStatus,
} from '@certdesk/domain';
import { InstantColumn } from '../../infra/database/instant-column';

/**
 * `pending` waits for `nextAttemptAt`; `sending` is claimed by a sender until `leaseUntil` (an
 * expired lease is claimed again); `sent`, `failed`, `given_up` (still failing after
 * `NOTICE_MAX_ATTEMPTS` attempts), `skipped` (nothing to send to) and `cancelled`
 * (moot: renewed, revoked, superseded, or a newer milestone is due) are final.
 */
export type OutboxStatus = NoticeDeliveryStatus;

/** A count per status, every status at 0. */
export const zeroPerStatus = (): Record<OutboxStatus, number> =>
  Object.fromEntries(NOTICE_DELIVERY_STATUSES.map((s) => [s, 0])) as Record<
    OutboxStatus,
    number
  >;

/**
 * One notice to one IB user: the outbox row is written once per `dedupeKey` (certificate and
 * milestone, or the reissue it announces), so a notice is queued at most once, ever, whatever
 * the number of runs, restarts or processes. It keeps what was sent: template version, recipient,
 * exact subject and body, Message-ID and the server's answer.
 */
@Entity('notice_outbox')
export class NoticeOutbox {
  @UuidPrimaryColumn() id!: string;
  @UuidColumn() creditUnionId!: string;
  /** `m:<certificateId>:<milestone>` or `reissue:<reissueId>`; unique. */
  @Column({ type: 'varchar', length: 120 }) dedupeKey!: string;
  @Column({ type: 'varchar', length: 32 }) kind!: NoticeKind;
  @Column({ type: 'integer', nullable: true }) milestone!: number | null;
  @UuidColumn({ nullable: true }) certificateId!: string | null;
  @UuidColumn() ibUserId!: string;
  @UuidColumn() customerId!: string;
  @UuidColumn({ nullable: true }) runId!: string | null;
  /** JST date the notice was queued for. */
  @Column({ type: 'date' }) businessDate!: string;
  @Column({ type: 'date', nullable: true }) expiryDate!: string | null;
  /** reissue_ready: the last day the customer may acquire. */
  @Column({ type: 'date', nullable: true }) acquisitionDeadline!: string | null;
  @Column({ type: 'varchar', length: 16 }) status!: OutboxStatus;
  /** Why skipped, cancelled or failed (Japanese, shown in the delivery log). */
  @Column({ type: 'varchar', length: 200, nullable: true }) statusReason!:
    string | null;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @InstantColumn() nextAttemptAt!: Date;
  @InstantColumn({ nullable: true }) leaseUntil!: Date | null;
  @UuidColumn({ nullable: true }) claimToken!: string | null;
  @Column({ type: 'varchar', length: 254, nullable: true }) recipient!:
    string | null;
  @Column({ type: 'integer', nullable: true }) templateVersion!: number | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) subject!:
    string | null;
  @Column({ type: 'text', nullable: true }) body!: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) messageId!:
    string | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) smtpResponse!:
    string | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) lastError!:
    string | null;
  @InstantColumn() createdAt!: Date;
  @InstantColumn() updatedAt!: Date;
  @InstantColumn({ nullable: true }) sentAt!: Date | null;
}
