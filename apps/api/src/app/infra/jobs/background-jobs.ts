import {
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
  OnModuleInit,
} from '@nestjs/common';
import { jstTimeOfDay } from '@certdesk/domain';
import { AsyncLocalStorage } from 'node:async_hooks';
import { Clock } from '../clock/clock';

/**
 * Background work outside any request: a job started from an HTTP handler must not inherit the
 * request's context — neither its signed-in staff member nor its place inside the SQLite gate (it
 * would then bypass the gate while the request's unit ends). Jobs run in the context captured at
 * module start-up, and shutdown waits for them to finish. Each feature has its own injectable
 * subclass (NoticeJobs, ImportJobs), so each waits for and logs its own jobs.
 */
export abstract class BackgroundJobs implements OnModuleInit, OnModuleDestroy {
  private readonly logger: Logger;
  private readonly running = new Set<Promise<void>>();
  private detached: <R>(fn: () => R) => R = (fn) => fn();
  private stopping = false;

  /**
   * `refuseWhileClosing`: once shutdown has begun, `start` starts nothing (the work is picked up
   * by the next process); otherwise a job started then still runs and shutdown waits for it.
   */
  protected constructor(
    name: string,
    private readonly refuseWhileClosing: boolean,
  ) {
    this.logger = new Logger(name);
  }

  onModuleInit(): void {
    this.detached = AsyncLocalStorage.snapshot();
  }

  /** True once the application is shutting down: long loops stop at their next step. */
  get closing(): boolean {
    return this.stopping;
  }

  /** Starts `fn` detached from the caller's context; errors are logged, never thrown. */
  start(name: string, fn: () => Promise<unknown>): void {
    if (this.stopping && this.refuseWhileClosing) return;
    const job: Promise<void> = this.detached(() =>
      fn().then(
        () => undefined,
        (error: unknown) =>
          this.logger.error(
            `${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
          ),
      ),
    );
    this.running.add(job);
    void job.finally(() => this.running.delete(job));
  }

  /** Resolves when every job started so far has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await this.idle();
  }
}

/**
 * A worker that wakes every `everyMs` from application start (and once at start) while
 * `enabled()`, and runs `round()` as a background job unless the previous round is still going.
 */
export abstract class IntervalWorker
  implements OnApplicationBootstrap, OnModuleDestroy
{
  private timer: NodeJS.Timeout | null = null;
  private busy = false;

  protected constructor(
    private readonly worker: {
      name: string;
      everyMs: number;
      jobs: BackgroundJobs;
    },
  ) {}

  protected abstract enabled(): boolean;
  protected abstract round(): Promise<void>;

  onApplicationBootstrap(): void {
    if (!this.enabled()) return;
    this.timer = setInterval(() => this.tick(), this.worker.everyMs);
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
    this.worker.jobs.start(this.worker.name, async () => {
      try {
        await this.round();
      } finally {
        this.busy = false;
      }
    });
  }
}

/**
 * Once a JST day in this process, from a time of day (`HH:MM`) on the injected Clock: at start-up
 * too, so a day missed while the process was down is caught up.
 */
export class OncePerDay {
  private lastDay: string | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly timeOfDay: () => string,
  ) {}

  /** Today's JST date when its time has come and it is not yet done, else null. */
  due(): string | null {
    const today = this.clock.today();
    if (
      this.lastDay === today ||
      jstTimeOfDay(this.clock.now()) < this.timeOfDay()
    )
      return null;
    return today;
  }

  done(day: string): void {
    this.lastDay = day;
  }
}
