import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { dueNotice, noticeKindForMilestone } from '@certdesk/domain';
import { CreditUnion } from '../../credit-unions/credit-union.entity';
import { Clock } from '../../infra/clock/clock';
import { NoticeScheduleService } from '../schedule/notice-schedule.service';
import { milestoneWindows } from './milestone-windows';
import {
  Candidate,
  CANDIDATE_PAGE,
  NoticeCandidateRepository,
} from './notice-candidate.repository';
import { NoticeOutbox } from './notice-outbox.entity';

export interface PlanResult {
  /** IB users read (expiry in a milestone window, no notice queued yet for that milestone). */
  candidates: number;
  /** Outbox rows written by this run. */
  planned: number;
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
    private readonly store: NoticeCandidateRepository,
    private readonly schedules: NoticeScheduleService,
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
        const page = await this.store.page(cu.id, today, window, after);
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
        await this.store.queue(rows);
        after = page[page.length - 1];
        if (page.length < CANDIDATE_PAGE) break;
      }
    }
    const planned = await this.store.planned(runId);
    return { candidates, planned };
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
}
