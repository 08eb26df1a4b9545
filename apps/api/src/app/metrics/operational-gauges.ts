import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { NOTICE_KINDS } from '@certdesk/notice-templates';
import { Clock } from '../infra/clock/clock';
import { DatabaseHealth } from '../infra/database/database-health';
import { Metrics, Reading } from './metrics';
import {
  OperationalGaugesRepository,
  WATCHED,
} from './operational-gauges.repository';

/** A raw instant: a Date (PostgreSQL) or SQLite's UTC text `YYYY-MM-DD HH:MM:SS.SSS` (no zone: UTC). */
export function instant(value: string | Date): Date {
  if (value instanceof Date) return value;
  return new Date(
    /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`,
  );
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
    private readonly rows: OperationalGaugesRepository,
    private readonly database: DatabaseHealth,
    private readonly clock: Clock,
  ) {
    const registers = [metrics.registry];
    // Read when the scrape starts, before this scrape's own queries (here and in other modules) wait for it.
    let poolAtScrape = this.poolState();
    metrics.onScrape(() => {
      poolAtScrape = this.poolState();
    });
    const pool = new Gauge({
      name: 'certdesk_db_pool_connections',
      help: 'Database connections of this process: in_use, idle, waiting (requests queued for one), max',
      labelNames: ['state'] as const,
      registers,
      collect: () => {
        for (const [state, value] of Object.entries(poolAtScrape))
          pool.set({ state }, value);
      },
    });
    metrics.readGauge(
      'certdesk_notices',
      'Notices in the outbox by kind and status (pending, sending, failed, given_up)',
      ['kind', 'status'],
      async () => [
        ...NOTICE_KINDS.flatMap((kind) =>
          WATCHED.map((status): Reading<'kind' | 'status'> => [
            { kind, status },
            0,
          ]),
        ),
        ...(await this.rows.noticeCounts()).map(
          (row): Reading<'kind' | 'status'> => [
            { kind: row.kind, status: row.status },
            Number(row.n),
          ],
        ),
      ],
    );
    metrics.readGauge(
      'certdesk_notice_oldest_pending_age_seconds',
      'Age of the oldest notice not yet sent (pending or sending), by kind; 0 when none',
      ['kind'],
      async () => {
        const zeros = NOTICE_KINDS.map((kind): Reading<'kind'> => [
          { kind },
          0,
        ]);
        const now = this.clock.now().getTime();
        return [
          ...zeros,
          ...(await this.rows.oldestPending()).map((row): Reading<'kind'> => [
            { kind: row.kind },
            Math.max(0, (now - instant(row.oldest).getTime()) / 1000),
          ]),
        ];
      },
    );
    metrics.readGauge(
      'certdesk_crl_next_update_seconds',
      "Seconds until the nextUpdate of each credit union's current CRL (negative: overdue)",
      ['credit_union'],
      async () => {
        const now = this.clock.now().getTime();
        return (await this.rows.crlNextUpdates()).map(
          (row): Reading<'credit_union'> => [
            { credit_union: row.code },
            (instant(row.next).getTime() - now) / 1000,
          ],
        );
      },
    );
  }

  /** PostgreSQL: pg's pool; SQLite: one connection, busy while a unit of work holds the gate. */
  poolState(): Record<'in_use' | 'idle' | 'waiting' | 'max', number> {
    return this.database.poolState();
  }
}
