import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { addMonths, jstStartOfDay } from '@certdesk/domain';
import { AuditService } from '../audit/audit.service';
import { StaffSession } from '../auth/staff-session.entity';
import { SESSION_IDLE_TIMEOUT_MS } from '../auth/session.service';
import { CreditUnionRepository } from '../credit-unions/credit-union.repository';
import { IbRenewalSession } from '../ib/ib-renewal-session.entity';
import { Clock } from '../infra/clock/clock';
import { AppConfig } from '../infra/config/config';
import { APP_CONFIG } from '../infra/config/app-config.module';
import { SqliteGate } from '../infra/database/sqlite-gate';
import { Transactions } from '../infra/database/transactions';
import { NoticeOutbox } from '../notices/dispatch/notice-outbox.entity';
import { NoticeRun } from '../notices/dispatch/notice-run.entity';
import { FINAL_STATUSES } from '../notices/dispatch/notice-outbox.repository';

/** How often a process looks whether today's sweep is still to do. */
const CHECK_EVERY_MS = 60 * 60_000;

export interface RetentionCounts {
  staffSessions: number;
  renewalSessions: number;
  notices: number;
  noticeRuns: number;
}

/**
 * Daily housekeeping, per credit union in one audited transaction (`retention.purge`, only when
 * something was deleted): staff sessions that ended or expired (idle or absolute), IB renewal
 * sessions used or expired, and notices — the outbox is the delivery log, a compliance record —
 * with their runs once older than `NOTICE_RETENTION_MONTHS` (default 13) JST calendar months.
 * Every process may sweep: a second sweep the same day finds nothing (harmless twice).
 */
@Injectable()
export class RetentionService
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(RetentionService.name);
  private first: NodeJS.Timeout | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastDay: string | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly transactions: Transactions,
    private readonly creditUnions: CreditUnionRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly gate: SqliteGate,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    // A minute after start, then hourly (a restart does not delay the day's sweep by a whole day).
    this.first = setTimeout(() => this.tick(), 60_000);
    this.first.unref();
    this.timer = setInterval(() => this.tick(), CHECK_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.first);
    clearInterval(this.timer);
    await this.running;
  }

  /** Sweeps once per JST day (the first check of the day). */
  tick(): void {
    const today = this.clock.today();
    if (this.lastDay === today) return;
    this.running = this.running
      .then(() => this.sweep())
      .then(() => {
        this.lastDay = today;
      })
      .catch((error: unknown) =>
        this.logger.error(`retention sweep failed: ${String(error)}`),
      );
  }

  /** The instant before which notices are deleted: 00:00 JST, `months` calendar months before today. */
  noticeCutoff(): Date {
    return jstStartOfDay(
      addMonths(this.clock.today(), -this.config.ops.noticeRetentionMonths),
    );
  }

  async sweep(): Promise<RetentionCounts> {
    const total: RetentionCounts = {
      staffSessions: 0,
      renewalSessions: 0,
      notices: 0,
      noticeRuns: 0,
    };
    const ids = await this.creditUnions.allByCode();
    for (const { id } of ids) {
      const counts = await this.gate.run(() =>
        this.transactions.run((em) => this.sweepCreditUnion(em, id)),
      );
      for (const key of Object.keys(total) as (keyof RetentionCounts)[])
        total[key] += counts[key];
    }
    return total;
  }

  private async sweepCreditUnion(
    em: EntityManager,
    creditUnionId: string,
  ): Promise<RetentionCounts> {
    const now = this.clock.now();
    const cutoff = this.noticeCutoff();
    const deleted = async (
      entity:
        | typeof StaffSession
        | typeof IbRenewalSession
        | typeof NoticeOutbox
        | typeof NoticeRun,
      where: string,
      params: Record<string, unknown>,
    ): Promise<number> =>
      (
        await em
          .createQueryBuilder()
          .delete()
          .from(entity)
          .where('credit_union_id = :creditUnionId', { creditUnionId })
          .andWhere(where, params)
          .execute()
      ).affected ?? 0;
    const counts: RetentionCounts = {
      staffSessions: await deleted(
        StaffSession,
        '(ended_at IS NOT NULL OR expires_at <= :now OR last_seen_at <= :idleSince)',
        { now, idleSince: new Date(now.getTime() - SESSION_IDLE_TIMEOUT_MS) },
      ),
      renewalSessions: await deleted(
        IbRenewalSession,
        '(used_at IS NOT NULL OR expires_at <= :now)',
        { now },
      ),
      notices: await deleted(
        NoticeOutbox,
        'created_at < :cutoff AND status IN (:...final)',
        { cutoff, final: [...FINAL_STATUSES] },
      ),
      noticeRuns: await deleted(
        NoticeRun,
        'started_at < :cutoff AND NOT EXISTS (SELECT 1 FROM notice_outbox o WHERE o.run_id = notice_run.id)',
        { cutoff },
      ),
    };
    if (Object.values(counts).some((n) => n > 0))
      await this.audit.recordIn(em, {
        action: 'retention.purge',
        outcome: 'success',
        creditUnionId,
        actorType: 'system',
        actorId: null,
        actorName: 'retention',
        targetType: null,
        targetId: null,
        details: { ...counts, noticesBefore: cutoff.toISOString() },
      });
    return counts;
  }
}
