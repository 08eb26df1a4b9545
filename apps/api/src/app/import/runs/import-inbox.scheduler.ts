import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../../infra/clock/clock';
import { AppConfig } from '../../infra/config/config';
import { APP_CONFIG } from '../../infra/config/app-config.module';
import { IntervalWorker, OncePerDay } from '../../infra/jobs/background-jobs';
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
export class ImportInboxScheduler extends IntervalWorker {
  private readonly daily: OncePerDay;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly inbox: ImportInboxService,
    jobs: ImportJobs,
    clock: Clock,
  ) {
    super({ name: 'import inbox', everyMs: INBOX_TICK_MS, jobs });
    this.daily = new OncePerDay(clock, () => config.importInbox.dailyAt);
  }

  protected enabled(): boolean {
    return !!this.config.importInbox.dir;
  }

  protected async round(): Promise<void> {
    await this.runIfDue();
  }

  /** Takes the inbox's files when today's time has come and this process has not yet done so. */
  async runIfDue(): Promise<boolean> {
    const today = this.daily.due();
    if (!today) return false;
    this.daily.done(today);
    await this.inbox.processAll();
    return true;
  }
}
