import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { addDays } from '@certdesk/domain';
import { IbUser } from '../../customers/ib-user.entity';
import { SqliteGate } from '../../infra/database/sqlite-gate';
import { MilestoneWindow } from './milestone-windows';
import { NoticeOutbox } from './notice-outbox.entity';

/** IB users read per page while planning. */
export const CANDIDATE_PAGE = 1000;
const INSERT_CHUNK = 200;

export interface Candidate {
  id: string;
  customerId: string;
  currentCertificateId: string;
  currentExpiryDate: string;
  /** The marker: the last milestone queued for `noticeCertificateId` (migration …230). */
  noticeCertificateId: string | null;
  noticeMilestone: number | null;
}

/**
 * The planner's SQL (see notice-planner.ts): the IB users in a milestone's window, read by the
 * index on `(credit_union_id, current_expiry_date)` and the marker on `ib_user` (never the outbox),
 * and the outbox rows it queues. System-wide: the credit union is named (no request context).
 */
@Injectable()
export class NoticeCandidateRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly gate: SqliteGate,
  ) {}

  /** One page (in expiry order, after `after`) of the credit union's IB users due for `window`'s milestone. */
  page(
    creditUnionId: string,
    today: string,
    window: MilestoneWindow,
    after: Candidate | null,
  ): Promise<Candidate[]> {
    const qb = this.dataSource
      .getRepository(IbUser)
      .createQueryBuilder('u')
      .select('u.id', 'id')
      .addSelect('u.customerId', 'customerId')
      .addSelect('u.currentCertificateId', 'currentCertificateId')
      .addSelect('u.currentExpiryDate', 'currentExpiryDate')
      .addSelect('u.notice_certificate_id', 'noticeCertificateId')
      .addSelect('u.notice_milestone', 'noticeMilestone')
      .where('u.creditUnionId = :creditUnionId', { creditUnionId })
      .andWhere('u.currentExpiryDate BETWEEN :from AND :to', {
        from: addDays(today, window.fromDays),
        to: addDays(today, window.toDays),
      })
      .andWhere(
        'u.currentCertificateId IS NOT NULL AND u.currentRevoked = :revoked AND u.reissueState IS NULL',
        { revoked: false },
      )
      // The marker, not the outbox: this run's own inserts cannot mislead the plan (migration …230).
      .andWhere(
        '(u.notice_certificate_id IS NULL OR u.notice_certificate_id <> u.current_certificate_id OR u.notice_milestone <> :milestone)',
        { milestone: window.milestone },
      );
    if (after) {
      qb.andWhere(
        '(u.currentExpiryDate > :afterExpiry OR (u.currentExpiryDate = :afterExpiry AND u.id > :afterId))',
        {
          afterExpiry: after.currentExpiryDate,
          afterId: after.id,
        },
      );
    }
    return qb
      .orderBy('u.currentExpiryDate', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .limit(CANDIDATE_PAGE)
      .getRawMany<Candidate>()
      .then((rows) =>
        rows.map((r) => ({
          ...r,
          noticeMilestone:
            r.noticeMilestone === null ? null : Number(r.noticeMilestone),
        })),
      );
  }
  /** Inserts outbox rows in chunks; a row whose dedupe key exists already is skipped. */
  async queue(rows: NoticeOutbox[]): Promise<void> {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK);
      await this.gate.run(() =>
        this.dataSource
          .createQueryBuilder()
          .insert()
          .into(NoticeOutbox)
          .values(chunk)
          .orIgnore()
          .execute(),
      );
    }
  }
  /** How many outbox rows the run has. */
  planned(runId: string): Promise<number> {
    return this.dataSource.getRepository(NoticeOutbox).countBy({ runId });
  }
}
