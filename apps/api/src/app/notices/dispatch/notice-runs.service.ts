import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type {
  NoticeRunList,
  NoticeRunStarted,
  NoticeRunView,
} from '@certdesk/contracts';
import type { AuditEntry } from '../../audit/audit-entry';
import { AuditService } from '../../audit/audit.service';
import { CreditUnion } from '../../credit-unions/credit-union.entity';
import { CreditUnionRepository } from '../../credit-unions/credit-union.repository';
import { Clock } from '../../infra/clock/clock';
import { SqliteGate } from '../../infra/database/sqlite-gate';
import { Transactions } from '../../infra/database/transactions';
import { currentPrincipal } from '../../infra/tenancy/tenant';
import { TenantScope } from '../../infra/tenancy/tenant-scope';
import { isUniqueViolation } from '../../infra/database/unique-violation';
import { NoticeJobs } from './notice-jobs';
import { NoticePlanner } from './notice-planner';
import { NoticeRun, RunTrigger } from './notice-run.entity';
import { NoticeRunRepository } from './notice-run.repository';
import { NoticeSender } from './notice-sender';
import { FINAL_STATUSES, OutboxStore } from './notice-outbox.repository';

/** A daily run unfinished and unclaimed for this long was interrupted (crash, restart): the next tick resumes it. */
const STALE_RUN_MS = 30 * 60_000;

/** An audit entry about the run `runId`, written by a job (the scheduler or the run), not a person. */
function jobEntry(
  actorName: 'notice-scheduler' | 'notice-run',
  runId: string,
  creditUnionId: string,
  entry: Pick<AuditEntry, 'action' | 'outcome' | 'details'>,
): AuditEntry {
  return {
    action: entry.action,
    outcome: entry.outcome,
    targetType: 'notice_run',
    targetId: runId,
    creditUnionId,
    actorType: 'system',
    actorId: null,
    actorName,
    details: entry.details,
  };
}

/**
 * Notice runs: plan (queue what is due today) then send, per credit union. The daily run (06:00
 * JST, see NoticeScheduler) covers every credit union once a day across processes; a manager's
 * 今すぐ実行 covers their own credit union and runs in the background while the console polls it.
 */
@Injectable()
export class NoticeRunsService {
  private readonly logger = new Logger('NoticeRuns');

  constructor(
    private readonly transactions: Transactions,
    private readonly runs: NoticeRunRepository,
    private readonly creditUnions: CreditUnionRepository,
    private readonly tenant: TenantScope,
    private readonly planner: NoticePlanner,
    private readonly sender: NoticeSender,
    private readonly outbox: OutboxStore,
    private readonly jobs: NoticeJobs,
    private readonly audit: AuditService,
    private readonly gate: SqliteGate,
    private readonly clock: Clock,
  ) {}

  /** 今すぐ実行 (manager): starts a run of the signed-in staff member's credit union. */
  async startManual(): Promise<NoticeRunStarted> {
    const cu = await this.tenant.creditUnion();
    const run = this.newRun(cu.id, 'manual', currentPrincipal().username);
    await this.transactions.run(async (manager) => {
      await this.tenant.repository(NoticeRun, manager).insert(run);
      await this.audit.recordIn(manager, {
        action: 'notice_run.start',
        outcome: 'success',
        targetType: 'notice_run',
        targetId: run.id,
        details: { trigger: 'manual', businessDate: run.businessDate },
      });
    });
    this.jobs.start(`notice run ${run.id}`, () => this.execute(run, cu));
    return { id: run.id };
  }

  async view(id: string): Promise<NoticeRunView> {
    return this.toView(
      await this.tenant.repository(NoticeRun).findOrNotFound(id),
    );
  }

  async list(): Promise<NoticeRunList> {
    const runs = await this.tenant
      .repository(NoticeRun)
      .find({ order: { startedAt: 'DESC' }, take: 20 });
    return { items: await Promise.all(runs.map((run) => this.toView(run))) };
  }

  /** The daily run of every credit union that has none yet today (the unique schedule key decides across processes). */
  async runDaily(): Promise<number> {
    let started = 0;
    for (const cu of await this.creditUnions.allByCode()) {
      if (this.jobs.closing) break;
      const run = this.newRun(cu.id, 'schedule', null);
      const existing = await this.runs.scheduled(cu.id, run.businessDate);
      if (existing) {
        // Another process (or an earlier start) has today's run: resume it only if it was left
        // unfinished, and only if this process wins the claim (one process resumes it, once).
        if (existing.phase === 'done' || !(await this.claimStale(existing)))
          continue;
        await this.execute(existing, cu);
      } else {
        if (!(await this.insertDailyRun(run))) continue; // lost the race to another process
        await this.execute(run, cu);
      }
      started++;
    }
    return started;
  }

  /**
   * Takes over a run nobody has held for {@link STALE_RUN_MS}: one conditional UPDATE, so of several
   * processes that saw it stale exactly one matches (the others then see the fresh claim). Audited.
   */
  private async claimStale(run: NoticeRun): Promise<boolean> {
    const now = this.clock.now();
    const claimed = await this.gate.run(() =>
      this.transactions.run(async (manager) => {
        const claimed = await this.runs.claimStale(
          manager,
          run.id,
          now,
          new Date(now.getTime() - STALE_RUN_MS),
        );
        if (!claimed) return false;
        await this.audit.recordIn(
          manager,
          jobEntry('notice-scheduler', run.id, run.creditUnionId, {
            action: 'notice_run.resume',
            outcome: 'success',
            details: { phase: run.phase, businessDate: run.businessDate },
          }),
        );
        return true;
      }),
    );
    return claimed;
  }

  private async insertDailyRun(run: NoticeRun): Promise<boolean> {
    try {
      await this.gate.run(() =>
        this.transactions.run(async (manager) => {
          await this.runs.insert(manager, run);
          await this.audit.recordIn(
            manager,
            jobEntry('notice-scheduler', run.id, run.creditUnionId, {
              action: 'notice_run.start',
              outcome: 'success',
              details: { trigger: 'schedule', businessDate: run.businessDate },
            }),
          );
        }),
      );
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** Plans, then sends what is due for the credit union; records the outcome on the run. */
  async execute(run: NoticeRun, cu: CreditUnion): Promise<void> {
    const finish = async (patch: Partial<NoticeRun>) => {
      await this.gate.run(() => this.runs.update(run.id, patch));
    };
    try {
      const planned = await this.planner.plan(cu, run.id, run.businessDate);
      // Renews the hold: a long run is not taken for an abandoned one.
      await finish({
        phase: 'sending',
        ...planned,
        claimedAt: this.clock.now(),
      });
      await this.sender.drain(cu.id);
      await finish({ phase: 'done', finishedAt: this.clock.now() });
      const counts = await this.outbox.countsForRun(run.id);
      await this.audit.record(
        jobEntry('notice-run', run.id, cu.id, {
          action: 'notice_run.finish',
          outcome: 'success',
          details: { ...planned, counts },
        }),
      );
    } catch (error) {
      this.logger.error(
        `run ${run.id} of ${cu.code}: ${error instanceof Error ? error.message : String(error)}`,
      );
      await finish({
        phase: 'failed',
        finishedAt: this.clock.now(),
        error:
          '通知の実行中にエラーが発生しました。システム管理者に連絡してください',
      });
      await this.audit.record(
        jobEntry('notice-run', run.id, cu.id, {
          action: 'notice_run.finish',
          outcome: 'failure',
          details: { error: String(error).slice(0, 300) },
        }),
      );
    }
  }

  private newRun(
    creditUnionId: string,
    trigger: RunTrigger,
    requestedBy: string | null,
  ): NoticeRun {
    const today = this.clock.today();
    return {
      id: randomUUID(),
      creditUnionId,
      trigger,
      scheduleKey: trigger === 'schedule' ? today : null,
      businessDate: today,
      phase: 'planning',
      requestedBy,
      candidates: 0,
      planned: 0,
      error: null,
      startedAt: this.clock.now(),
      finishedAt: null,
    };
  }

  private async toView(run: NoticeRun): Promise<NoticeRunView> {
    const counts = await this.outbox.countsForRun(run.id);
    const final = FINAL_STATUSES.reduce(
      (sum, status) => sum + counts[status],
      0,
    );
    const status =
      run.phase === 'done'
        ? 'done'
        : run.phase === 'failed'
          ? 'failed'
          : 'running';
    return {
      id: run.id,
      trigger: run.trigger,
      status,
      phase: run.phase === 'failed' ? 'done' : run.phase,
      businessDate: run.businessDate,
      startedAt: run.startedAt.toISOString(),
      finishedAt: run.finishedAt?.toISOString() ?? null,
      requestedBy: run.requestedBy,
      candidates: run.candidates,
      planned: run.planned,
      counts,
      progress:
        run.phase === 'planning'
          ? 0
          : run.planned === 0
            ? 1
            : final / run.planned,
      error: run.error,
    };
  }
}
