import {
  Injectable,
  Logger,
  OnModuleDestroy,
  OnModuleInit,
} from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Background work of the notice feature (runs, drains) outside any request: a job started from an
 * HTTP handler must not inherit the request's context — neither its signed-in staff member nor its
 * place inside the SQLite gate (it would then bypass the gate while the request's unit ends). Jobs
 * run in the context captured at module start-up, and shutdown waits for them to finish.
 */
@Injectable()
export class NoticeJobs implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('NoticeJobs');
  private readonly running = new Set<Promise<void>>();
  private detached: <R>(fn: () => R) => R = (fn) => fn();
  private stopping = false;

  onModuleInit(): void {
    this.detached = AsyncLocalStorage.snapshot();
  }

  /** True once the application is shutting down: long loops stop at their next step. */
  get closing(): boolean {
    return this.stopping;
  }

  /** Starts `fn` detached from the caller's context; errors are logged, never thrown. */
  start(name: string, fn: () => Promise<unknown>): void {
    if (this.stopping) return;
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
