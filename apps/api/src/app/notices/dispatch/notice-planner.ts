import { Injectable } from '@nestjs/common';
import { addDays, noticeKindForMilestone } from '@certdesk/domain';
import { CreditUnion } from '../../credit-unions/credit-union.entity';
import { Clock } from '../../infra/clock/clock';
import { eachAtMost } from '../../infra/jobs/each-at-most';
import { NoticeScheduleService } from '../schedule/notice-schedule.service';
import { milestoneWindows } from './milestone-windows';
import {
  NoticeCandidateRepository,
  SliceToQueue,
} from './notice-candidate.repository';

export interface PlanResult {
  /** IB users due (expiry in a milestone window, no notice queued yet for that milestone). */
  candidates: number;
  /** Outbox rows written by this run. */
  planned: number;
}

/** The dedupe key of a milestone notice: one per (certificate, milestone), ever. */
export function milestoneKey(certificateId: string, milestone: number): string {
  return `m:${certificateId}:${milestone}`;
}

/** Expiry dates queued per statement (about 700 IB users a day per credit union at 1,000,000 certificates). */
export const SLICE_DAYS = 7;

/**
 * Queues the e-mail notices due today for one credit union. libs/domain `milestoneForDay` gives
 * each milestone a window of days to expiry (`milestoneWindows`, checked against it day by day);
 * an IB user whose current expiry date lies in a window is due for that window's milestone unless
 * the marker of their current certificate (`notice_marker`) says it was queued already — exactly
 * `dueNotice` with the marker as the milestone sent (notice-planner.e2e-spec checks every day
 * around each boundary). Each window is queued in slices of {@link SLICE_DAYS} expiry dates, one
 * `INSERT … SELECT` each (see NoticeCandidateRepository): the database reads one index range and
 * writes the rows without a round trip per IB user, and never reads the outbox it fills, so the
 * plan does not depend on statistics its own inserts make stale. Slices are disjoint (each IB user
 * has one expiry date, each window its own days), so the repository may queue several at once
 * (`slicesAtOnce`: two on PostgreSQL, one on SQLite).
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
    const slices: Omit<SliceToQueue, 'now'>[] = [];
    for (const window of milestoneWindows(
      settings.milestones,
      settings.policy,
    )) {
      const kind = noticeKindForMilestone(
        window.milestone,
        settings.milestones,
      );
      for (let d = window.fromDays; d <= window.toDays; d += SLICE_DAYS)
        slices.push({
          creditUnionId: cu.id,
          runId,
          today,
          milestone: window.milestone,
          kind,
          from: addDays(today, d),
          to: addDays(today, Math.min(d + SLICE_DAYS - 1, window.toDays)),
        });
    }
    let candidates = 0;
    await eachAtMost(this.store.slicesAtOnce, slices, async (slice) => {
      // Awaited first: `candidates += await …` would read the sum before another slice adds to it.
      const queued = await this.store.queue({
        ...slice,
        now: this.clock.now(),
      });
      candidates += queued.candidates;
    });
    const planned = await this.store.planned(runId);
    return { candidates, planned };
  }
}
