import {
  Inject,
  Injectable,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { Clock } from '../../infra/clock/clock';
import { AppConfig } from '../../infra/config/config';
import { APP_CONFIG } from '../../infra/config/app-config.module';
import { jstTimeOfDay } from '../../notices/dispatch/notice-scheduler';
import { ImportInboxService } from './import-inbox.service';
import { ImportJobs } from './import-jobs';

/** How often the process looks whether today's inbox time has come. */
export const INBOX_TICK_MS = 30_000;

/**
 * With `IMPORT_INBOX` set: once a JST day, when the injected Clock reaches `IMPORT_INBOX_TIME`
 * (at start-up too, so a day missed while down is caught up), every file in the inbox is taken.
 * Several processes may do so: each file is claimed in the database, so it is applied once.
 */
@Injectable()
export class ImportInboxScheduler
  implements OnApplicationBootstrap, OnModuleDestroy
{
  private timer: NodeJS.Timeout | null = null;
  private busy = false;
  private lastDay: string | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly inbox: ImportInboxService,
    private readonly jobs: ImportJobs,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.importInbox.dir) return;
    this.timer = setInterval(() => this.tick(), INBOX_TICK_MS);
    this.timer.unref();
    this.tick();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  tick(): void {
    if (this.busy) return;
    this.busy = true;
    this.jobs.start('import inbox', async () => {
      try {
        await this.runIfDue();
      } finally {
        this.busy = false;
      }
    });
  }

  /** Takes the inbox's files when today's time has come and this process has not yet done so. */
  async runIfDue(): Promise<boolean> {
    const today = this.clock.today();
    if (
      this.lastDay === today ||
      jstTimeOfDay(this.clock.now()) < this.config.importInbox.dailyAt
    )
      return false;
    this.lastDay = today;
    await this.inbox.processAll();
    return true;
  }
}
