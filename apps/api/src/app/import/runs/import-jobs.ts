import {
  Injectable,
  Logger,
  OnModuleDestroy,
  OnModuleInit,
} from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Imports applied in the background (a 100,000-line file takes a while): detached from the request
 * that started them (its signed-in staff member and its place in the SQLite gate), like NoticeJobs;
 * shutdown waits for them.
 */
@Injectable()
export class ImportJobs implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ImportJobs');
  private readonly running = new Set<Promise<void>>();
  private detached: <R>(fn: () => R) => R = (fn) => fn();

  onModuleInit(): void {
    this.detached = AsyncLocalStorage.snapshot();
  }

  /** Starts `fn` detached from the caller's context; errors are logged, never thrown. */
  start(name: string, fn: () => Promise<unknown>): void {
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
    await this.idle();
  }
}
