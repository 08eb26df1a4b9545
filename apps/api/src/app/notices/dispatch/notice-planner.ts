import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { addDays, dueNotice, noticeKindForMilestone } from '@certdesk/domain';
import { CreditUnion } from '../../credit-unions/credit-union.entity';
import { IbUser } from '../../customers/ib-user.entity';
import { Clock } from '../../infra/clock/clock';
import { SqliteGate } from '../../infra/database/sqlite-gate';
import { NoticeScheduleService } from '../schedule/notice-schedule.service';
import { MilestoneWindow, milestoneWindows } from './milestone-windows';
import { NoticeOutbox } from './notice-outbox.entity';

const PAGE = 1000;
const INSERT_CHUNK = 200;

export interface PlanResult {
  /** IB users read (expiry in a milestone window, no notice queued yet for that milestone). */
  candidates: number;
  /** Outbox rows written by this run. */
  planned: number;
}

interface Candidate {
  id: string;
  customerId: string;
  currentCertificateId: string;
  currentExpiryDate: string;
  /** The marker: the last milestone queued for `noticeCertificateId` (migration …230). */
  noticeCertificateId: string | null;
  noticeMilestone: number | null;
}

/** The dedupe key of a milestone notice: one per (certificate, milestone), ever. */
export function milestoneKey(certificateId: string, milestone: number): string {
  return `m:${certificateId}:${milestone}`;
}

/**
 * Queues the e-mail notices due today for one credit union. Per milestone it reads only the IB
 * users whose current expiry date lies in that milestone's window (index on
 * `(credit_union_id, current_expiry_date)`; never a full scan), whose current certificate is
 * unrevoked with no reissue open, and whose marker (`notice_certificate_id`, `notice_milestone`:
 * the last milestone queued for that certificate, set by a trigger on the outbox) is not already
 * this milestone; asks libs/domain `dueNotice` for each; and inserts one outbox row per due notice
 * under its unique key (a concurrent or repeated run inserts nothing twice). It never reads the
 * outbox it fills, so its plan does not depend on statistics its own inserts make stale.
 */
@Injectable()
export class NoticePlanner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly schedules: NoticeScheduleService,
    private readonly gate: SqliteGate,
    private readonly clock: Clock,
  ) {}

  async plan(
    cu: CreditUnion,
    runId: string,
    today: string,
  ): Promise<PlanResult> {
    const settings = await this.schedules.settingsFor(cu);
    let candidates = 0;
    for (const window of milestoneWindows(
      settings.milestones,
      settings.policy,
    )) {
      let after: Candidate | null = null;
      for (;;) {
        const page = await this.page(cu.id, today, window, after);
        if (page.length === 0) break;
        candidates += page.length;
        const rows = page.flatMap((u) => {
          const certificateId = u.currentCertificateId;
          const due = dueNotice(
            {
              expiryDate: u.currentExpiryDate,
              sentMilestones:
                u.noticeCertificateId === certificateId &&
                u.noticeMilestone !== null
                  ? [u.noticeMilestone]
                  : [],
            },
            today,
            settings.milestones,
            settings.policy,
          );
          return due === null
            ? []
            : [
                this.row(
                  cu.id,
                  runId,
                  today,
                  u,
                  due,
                  noticeKindForMilestone(due, settings.milestones),
                ),
              ];
        });
        await this.insert(rows);
        after = page[page.length - 1];
        if (page.length < PAGE) break;
      }
    }
    const planned = await this.dataSource
      .getRepository(NoticeOutbox)
      .countBy({ runId });
    return { candidates, planned };
  }

  private page(
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
      .limit(PAGE)
      .getRawMany<Candidate>()
      .then((rows) =>
        rows.map((r) => ({
          ...r,
          noticeMilestone:
            r.noticeMilestone === null ? null : Number(r.noticeMilestone),
        })),
      );
  }

  private row(
    creditUnionId: string,
    runId: string,
    today: string,
    u: Candidate,
    milestone: number,
    kind: NoticeOutbox['kind'],
  ): NoticeOutbox {
    const now = this.clock.now();
    return {
      id: randomUUID(),
      creditUnionId,
      dedupeKey: milestoneKey(u.currentCertificateId, milestone),
      kind,
      milestone,
      certificateId: u.currentCertificateId,
      ibUserId: u.id,
      customerId: u.customerId,
      runId,
      businessDate: today,
      expiryDate: u.currentExpiryDate,
      acquisitionDeadline: null,
      status: 'pending',
      statusReason: null,
      attempts: 0,
      nextAttemptAt: now,
      leaseUntil: null,
      claimToken: null,
      recipient: null,
      templateVersion: null,
      subject: null,
      body: null,
      messageId: null,
      smtpResponse: null,
      lastError: null,
      createdAt: now,
      updatedAt: now,
      sentAt: null,
    };
  }

  private async insert(rows: NoticeOutbox[]): Promise<void> {
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
}
