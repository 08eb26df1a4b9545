import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../../infra/clock/clock';
import { AppConfig } from '../../infra/config/config';
import { APP_CONFIG } from '../../infra/config/app-config.module';
import { IntervalWorker, OncePerDay } from '../../infra/jobs/background-jobs';
import { NoticeJobs } from './notice-jobs';
import { NoticeRunsService } from './notice-runs.service';
import { NoticeSender } from './notice-sender';

/** How often the worker looks for due work (daily run time reached, retries whose back-off ended). */
export const TICK_MS = 5_000;

/**
 * The notice worker (`NOTICE_WORKER=on`, the default): every few seconds, on the injected Clock,
 * starts the daily run once the JST time of day reaches `NOTICE_DAILY_AT` (at start-up too, so a
 * day missed while the process was down is caught up), then drains the outbox (retries whose
 * back-off has passed, expired leases of crashed senders).
 */
@Injectable()
export class NoticeScheduler extends IntervalWorker {
  private readonly daily: OncePerDay;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runs: NoticeRunsService,
    private readonly sender: NoticeSender,
    jobs: NoticeJobs,
    clock: Clock,
  ) {
    super({ name: 'notice worker', everyMs: TICK_MS, jobs });
    this.daily = new OncePerDay(clock, () => config.notices.dailyAt);
  }

  protected enabled(): boolean {
    return this.config.notices.worker;
  }

  protected async round(): Promise<void> {
    await this.dailyIfDue();
    await this.sender.drain();
  }

  /** Runs the daily run when today's has not been done by this process and the time has come. */
  async dailyIfDue(): Promise<boolean> {
    const today = this.daily.due();
    if (!today) return false;
    await this.runs.runDaily();
    this.daily.done(today);
    return true;
  }
}
