import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, FindOptionsWhere, In, UpdateResult } from 'typeorm';
import { CreditUnion } from '../../credit-unions/credit-union.entity';
import { Customer } from '../../customers/customer.entity';
import { IbUser } from '../../customers/ib-user.entity';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { returnedRows } from '../../infra/database/returned-rows';
import { SqliteGate } from '../../infra/database/sqlite-gate';
import {
  NoticeOutbox,
  OutboxStatus,
  zeroPerStatus,
} from './notice-outbox.entity';

/** How long a claimed row belongs to its sender; after that another sender may claim it again. */
export const LEASE_MS = 5 * 60_000;

/** Final statuses: a row in one of these is never claimed again (unless a manager resends a failed or given-up one). */
export const FINAL_STATUSES: readonly OutboxStatus[] = [
  'sent',
  'failed',
  'given_up',
  'skipped',
  'cancelled',
];

/**
 * The ids of up to `:limit` claimable rows: notices whose lease has expired (oldest lease first),
 * then pending ones in `next_attempt_at` order. Each kind is read along its own index in that
 * order and stops at `:limit` (`ix_notice_outbox_lease`, `ix_notice_outbox_due`), so a claim costs
 * the same with 20 rows pending or 200,000: one `OR` over both, ordered afterwards, made PostgreSQL
 * collect and sort every pending row (figures in docs/notice-run-benchmarks.md).
 * Used in a materialised CTE: as `WHERE id IN (SELECT … LIMIT …)`, a plan made on statistics that
 * say the outbox is empty (after a purge) rescanned the subquery per row updated, and each rescan
 * skipped the rows just updated: more rows than `limit` were claimed.
 */
export function claimablePicks(postgres: boolean, tenant: boolean): string {
  const lock = postgres ? ' FOR UPDATE SKIP LOCKED' : '';
  const ofTenant = tenant ? ' AND credit_union_id = :creditUnionId' : '';
  const arm = (status: string, column: string) =>
    `SELECT id FROM (SELECT id FROM notice_outbox WHERE status = '${status}' AND ${column} <= :now${ofTenant} ` +
    `ORDER BY ${column} LIMIT :limit${lock}) AS ${status}`;
  return `${arm('sending', 'lease_until')} UNION ALL ${arm('pending', 'next_attempt_at')} LIMIT :limit`;
}

/**
 * Claims and settles outbox rows. A claim is one UPDATE that marks up to `limit` due rows — pending
 * ones whose `next_attempt_at` has come and `sending` ones whose lease has expired — with a fresh
 * claim token and lease. PostgreSQL picks them with `FOR UPDATE SKIP LOCKED`, so concurrent senders
 * in any number of processes take disjoint rows; SQLite runs the statement inside the process's
 * gate (one writer). A claim does not count as an attempt: {@link begin} counts one on the row
 * a sender is about to render and send, so a sender killed mid-batch charges the row in flight,
 * not the rows after it that it never tried. A settle only applies while the row still carries our
 * token, so a sender that lost its lease cannot overwrite the row's new owner.
 */
@Injectable()
export class OutboxStore {
  private readonly postgres: boolean;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly gate: SqliteGate,
  ) {
    this.postgres = dataSource.options.type === 'postgres';
  }

  async claim(
    now: Date,
    limit: number,
    creditUnionId?: string,
  ): Promise<NoticeOutbox[]> {
    const token = randomUUID();
    const sql =
      `WITH picked AS MATERIALIZED (${claimablePicks(this.postgres, !!creditUnionId)}) ` +
      `UPDATE notice_outbox SET status = 'sending', claim_token = :token, lease_until = :leaseUntil, ` +
      `updated_at = :now WHERE id IN (SELECT id FROM picked) RETURNING id`;
    const params = {
      token,
      now,
      leaseUntil: new Date(now.getTime() + LEASE_MS),
      limit,
      ...(creditUnionId ? { creditUnionId } : {}),
    };
    const [query, values] = this.dataSource.driver.escapeQueryWithParameters(
      sql,
      params,
    );
    const claimed = await this.gate.run(() =>
      returnedRows<{ id: string }>(this.dataSource, query, values),
    );
    if (claimed.length === 0) return [];
    // Found by the ids the UPDATE returned (primary key), still with our token: `claim_token`
    // has no index, and finding the rows by it alone read the whole outbox on every claim
    // (figures in docs/notice-run-benchmarks.md).
    return this.dataSource.getRepository(NoticeOutbox).find({
      where: { id: In(claimed.map((r) => r.id)), claimToken: token },
      order: { nextAttemptAt: 'ASC' },
    });
  }

  /**
   * Counts an attempt on a claimed row before it is rendered and sent (`row.attempts` follows);
   * false when the row is no longer ours (lease lost): then it must not be sent.
   */
  async begin(row: NoticeOutbox): Promise<boolean> {
    const result = await this.write(row, { attempts: () => 'attempts + 1' });
    if (!result.affected) return false;
    row.attempts += 1;
    return true;
  }

  /** Writes the outcome of a claimed row; false when the row is no longer ours (lease lost). */
  async settle(
    row: NoticeOutbox,
    patch: QueryDeepPartialEntity<NoticeOutbox>,
  ): Promise<boolean> {
    const result = await this.write(row, {
      ...patch,
      leaseUntil: null,
      claimToken: null,
    });
    return (result.affected ?? 0) > 0;
  }

  /**
   * A sender's write of one row (an attempt, an outcome). On PostgreSQL it commits without waiting
   * for the WAL to reach the disk (`synchronous_commit = off` for this statement's own transaction,
   * set by `set_config(…, true)` in its WHERE clause: one round trip, where BEGIN, SET LOCAL and
   * COMMIT took three more; figures in docs/notice-run-benchmarks.md): each wait was an fsync, two
   * per mail, which capped one sender. A killed API process loses nothing by it (the commit is in
   * PostgreSQL); a crash of PostgreSQL itself may lose the last fraction of a second of these
   * writes (at most 3 × `wal_writer_delay`), so those few notices are mailed again and an attempt
   * may go uncounted — the at-least-once delivery the outbox has anyway. Every other write keeps
   * synchronous commit. SQLite: in the gate.
   */
  private write(
    row: NoticeOutbox,
    set: QueryDeepPartialEntity<NoticeOutbox>,
  ): Promise<UpdateResult> {
    const update = this.dataSource
      .createQueryBuilder()
      .update(NoticeOutbox)
      .set(set)
      .where(this.ours(row));
    if (this.postgres)
      update.andWhere(
        "set_config('synchronous_commit', 'off', true) IS NOT NULL",
      );
    return this.gate.run(() => update.execute());
  }

  /** The row while it carries our claim. */
  private ours(row: NoticeOutbox): FindOptionsWhere<NoticeOutbox> {
    if (!row.claimToken) throw new Error(`notice ${row.id} is not claimed`);
    return { id: row.id, claimToken: row.claimToken, status: 'sending' };
  }

  /** Notices queued by a run, by status now. */
  async countsForRun(runId: string): Promise<Record<OutboxStatus, number>> {
    const rows = await this.dataSource
      .getRepository(NoticeOutbox)
      .createQueryBuilder('o')
      .select('o.status', 'status')
      .addSelect('COUNT(*)', 'count')
      .where('o.runId = :runId', { runId })
      .groupBy('o.status')
      .getRawMany<{ status: OutboxStatus; count: string | number }>();
    const counts = zeroPerStatus();
    for (const row of rows) counts[row.status] = Number(row.count);
    return counts;
  }

  /** The IB users, customers and credit unions the rows name (one query each). */
  async related(rows: NoticeOutbox[]): Promise<{
    ibUsers: IbUser[];
    customers: Customer[];
    creditUnions: CreditUnion[];
  }> {
    const ids = (pick: (r: NoticeOutbox) => string) =>
      In([...new Set(rows.map(pick))]);
    const [ibUsers, customers, creditUnions] = await Promise.all([
      this.dataSource
        .getRepository(IbUser)
        .findBy({ id: ids((r) => r.ibUserId) }),
      this.dataSource
        .getRepository(Customer)
        .findBy({ id: ids((r) => r.customerId) }),
      this.dataSource
        .getRepository(CreditUnion)
        .findBy({ id: ids((r) => r.creditUnionId) }),
    ]);
    return { ibUsers, customers, creditUnions };
  }
}
