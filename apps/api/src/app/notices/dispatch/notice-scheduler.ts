import {
  Inject,
  Injectable,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { jstTimeOfDay } from '@certdesk/domain';
import { Clock } from '../../infra/clock/clock';
import { AppConfig } from '../../infra/config/config';
import { APP_CONFIG } from '../../infra/config/app-config.module';
import { NoticeJobs } from './notice-jobs';
import { NoticeRunsService } from './notice-runs.service';
import { NoticeSender } from './notice-sender';

/** How often the worker looks for due work (daily run time reached, retries whose back-off ended). */
export const TICK_MS = 5_000;

/** libs/domain `jstTimeOfDay`, for the schedulers that still import it from here. */
export { jstTimeOfDay };

/**
 * The notice worker (`NOTICE_WORKER=on`, the default): every few seconds, on the injected Clock,
 * starts the daily run once the JST time of day reaches `NOTICE_DAILY_AT` (at start-up too, so a
 * day missed while the process was down is caught up), then drains the outbox (retries whose
 * back-off has passed, expired leases of crashed senders).
 */
@Injectable()
export class NoticeScheduler
  implements OnApplicationBootstrap, OnModuleDestroy
{
  private timer: NodeJS.Timeout | null = null;
  private busy = false;
  private lastDaily: string | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runs: NoticeRunsService,
    private readonly sender: NoticeSender,
    private readonly jobs: NoticeJobs,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.notices.worker) return;
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
    this.tick();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One round of the worker (skipped while the previous one is still going). */
  tick(): void {
    if (this.busy) return;
    this.busy = true;
    this.jobs.start('notice worker', async () => {
      try {
        await this.dailyIfDue();
        await this.sender.drain();
      } finally {
        this.busy = false;
      }
    });
  }

  /** Runs the daily run when today's has not been done by this process and the time has come. */
  async dailyIfDue(): Promise<boolean> {
    const today = this.clock.today();
    if (
      this.lastDaily === today ||
      jstTimeOfDay(this.clock.now()) < this.config.notices.dailyAt
    )
      return false;
    await this.runs.runDaily();
    this.lastDaily = today;
    return true;
  }
}
