import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { NOTICE_KINDS } from '@certdesk/notice-templates';
import { Clock } from '../infra/clock/clock';
import { SqliteGate } from '../infra/database/sqlite-gate';
import { Metrics } from './metrics';

/** Outbox states an operator watches: the backlog and what needs a person. */
const WATCHED = ['pending', 'sending', 'failed', 'given_up'] as const;

/** A raw instant: a Date (PostgreSQL) or SQLite's UTC text `YYYY-MM-DD HH:MM:SS.SSS` (no zone: UTC). */
export function instant(value: string | Date): Date {
  if (value instanceof Date) return value;
  return new Date(
    /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`,
  );
}

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

/**
 * Gauges read from the database at each scrape (so every process reports the same, shared truth):
 * notices by kind and status, the age of the oldest unsent notice, seconds until each CA's CRL
 * `nextUpdate`; and this process's database pool (PostgreSQL: pg's pool; SQLite: the one connection
 * and the units of work queued for it in the {@link SqliteGate}).
 */
@Injectable()
export class OperationalGauges {
  constructor(
    metrics: Metrics,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly gate: SqliteGate,
    private readonly clock: Clock,
  ) {
    const registers = [metrics.registry];
    // First, so that it reads the pool before this scrape's own queries wait for it.
    const pool = new Gauge({
      name: 'certdesk_db_pool_connections',
      help: 'Database connections of this process: in_use, idle, waiting (requests queued for one), max',
      labelNames: ['state'] as const,
      registers,
      collect: () => {
        for (const [state, value] of Object.entries(this.poolState()))
          pool.set({ state }, value);
      },
    });
    const notices = new Gauge({
      name: 'certdesk_notices',
      help: 'Notices in the outbox by kind and status (pending, sending, failed, given_up)',
      labelNames: ['kind', 'status'] as const,
      registers,
      collect: async () => {
        notices.reset();
        for (const kind of NOTICE_KINDS)
          for (const status of WATCHED) notices.set({ kind, status }, 0);
        for (const row of await this.noticeCounts())
          notices.set({ kind: row.kind, status: row.status }, Number(row.n));
      },
    });
    const oldest = new Gauge({
      name: 'certdesk_notice_oldest_pending_age_seconds',
      help: 'Age of the oldest notice not yet sent (pending or sending), by kind; 0 when none',
      labelNames: ['kind'] as const,
      registers,
      collect: async () => {
        oldest.reset();
        for (const kind of NOTICE_KINDS) oldest.set({ kind }, 0);
        const now = this.clock.now().getTime();
        for (const row of await this.oldestPending())
          oldest.set(
            { kind: row.kind },
            Math.max(0, (now - instant(row.oldest).getTime()) / 1000),
          );
      },
    });
    const crl = new Gauge({
      name: 'certdesk_crl_next_update_seconds',
      help: "Seconds until the nextUpdate of each credit union's current CRL (negative: overdue)",
      labelNames: ['credit_union'] as const,
      registers,
      collect: async () => {
        crl.reset();
        const now = this.clock.now().getTime();
        for (const row of await this.crlNextUpdates())
          crl.set(
            { credit_union: row.code },
            (instant(row.next).getTime() - now) / 1000,
          );
      },
    });
  }

  private noticeCounts(): Promise<
    { kind: string; status: string; n: string | number }[]
  > {
    return this.dataSource.query(
      `SELECT kind, status, COUNT(*) AS n FROM notice_outbox WHERE status IN (${WATCHED.map((s) => `'${s}'`).join(', ')}) GROUP BY kind, status`,
    );
  }

  private oldestPending(): Promise<{ kind: string; oldest: string | Date }[]> {
    return this.dataSource.query(
      `SELECT kind, MIN(created_at) AS oldest FROM notice_outbox WHERE status IN ('pending', 'sending') GROUP BY kind`,
    );
  }

  private crlNextUpdates(): Promise<{ code: string; next: string | Date }[]> {
    return this.dataSource.query(
      'SELECT cu.code AS code, a.crl_next_update AS next FROM certificate_authority a ' +
        'JOIN credit_union cu ON cu.id = a.credit_union_id WHERE a.crl_next_update IS NOT NULL',
    );
  }

  /** PostgreSQL: pg's pool; SQLite: one connection, busy while a unit of work holds the gate. */
  poolState(): Record<'in_use' | 'idle' | 'waiting' | 'max', number> {
    if (this.dataSource.options.type === 'postgres') {
      const pool = (this.dataSource.driver as unknown as { master?: PgPool })
        .master;
      if (!pool) return { in_use: 0, idle: 0, waiting: 0, max: 0 };
      return {
        in_use: pool.totalCount - pool.idleCount,
        idle: pool.idleCount,
        waiting: pool.waitingCount,
        max: pool.options?.max ?? 0,
      };
    }
    return {
      in_use: this.gate.busy ? 1 : 0,
      idle: this.gate.busy ? 0 : 1,
      waiting: this.gate.waiting,
      max: 1,
    };
  }
}
