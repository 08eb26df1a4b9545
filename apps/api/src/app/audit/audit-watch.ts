import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { Clock } from '../infra/clock/clock';
import { AppConfig } from '../infra/config/config';
import { APP_CONFIG } from '../infra/config/app-config.module';
import { AuditService, SYSTEM_CHAIN } from './audit.service';
import { ChainAuditor } from './chain-auditor';

/** How often the watch looks whether the JST day has turned. */
export const AUDIT_WATCH_TICK_MS = 60_000;

/**
 * The daily audit watch (`AUDIT_WATCH`, default on), on the injected Clock: once a JST day (at start-up
 * too), for every chain — each credit union's and `system` (failed log-ins of unknown usernames, jobs) —
 * records the chain's signed head (audit_head and a log line), verifies the chain against its records
 * and every head recorded so far, and appends the result to the chain as `audit.verify` (actor
 * `system`, details `scheduled: true`), which the console's 監査ログ page shows. Safe with several
 * processes: the head of a (chain, day) is inserted once, and only the process that inserted it verifies.
 */
@Injectable()
export class AuditWatch implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AuditWatch.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private lastDay: string | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auditor: ChainAuditor,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.audit.watch) return;
    this.timer = setInterval(() => this.tick(), AUDIT_WATCH_TICK_MS);
    this.timer.unref();
    this.tick();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.runDailyIfDue()
      .catch((error: unknown) =>
        this.logger.error(`audit watch: ${String(error)}`),
      )
      .finally(() => (this.running = null));
  }

  /** The day's heads and verifications, unless this process did them today; returns the chains it verified. */
  async runDailyIfDue(): Promise<string[]> {
    const day = this.clock.today();
    if (this.lastDay === day) return [];
    const verified: string[] = [];
    for (const chain of await this.auditor.chains()) {
      const head = await this.auditor.recordHead(chain, day, this.clock.now());
      if (!head) continue; // another process has this chain today
      const result = await this.auditor.verifyChain(chain);
      await this.audit.record({
        creditUnionId: chain === SYSTEM_CHAIN ? null : chain,
        actorType: 'system',
        actorId: null,
        actorName: 'audit-watch',
        action: 'audit.verify',
        outcome: result.intact ? 'success' : 'failure',
        details: { ...result, scheduled: true, headSeq: head.seq },
      });
      if (!result.intact)
        this.logger.error(
          `audit chain ${chain} is broken: ${JSON.stringify(result.firstBroken)}`,
        );
      verified.push(chain);
    }
    this.lastDay = day;
    return verified;
  }
}

/** The API process's audit watch (not the ops CLI). */
