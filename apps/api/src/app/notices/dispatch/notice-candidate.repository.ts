import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { NoticeKind } from '@certdesk/notice-templates';
import { NoticeOutbox } from './notice-outbox.entity';

/** What one window's slice of expiry dates gave: IB users due, and outbox rows written for them. */
export interface QueuedSlice {
  candidates: number;
  planned: number;
}

/** One milestone's notices over a range of expiry dates, for one credit union and run. */
export interface SliceToQueue {
  creditUnionId: string;
  runId: string;
  today: string;
  milestone: number;
  kind: NoticeKind;
  /** Expiry dates, inclusive. */
  from: string;
  to: string;
  now: Date;
}

/**
 * The IB users due for a milestone: current expiry date in the range (index on
 * `(credit_union_id, current_expiry_date)`), current certificate unrevoked with no reissue open,
 * and no marker saying this milestone was queued for that certificate already (`notice_marker`,
 * migration …270). The marker is read by a correlated subquery, which both databases run as a
 * primary-key probe per IB user: no join for a planner to choose on statistics (never the outbox).
 */
const DUE = `FROM ib_user u WHERE u.credit_union_id = :creditUnionId
  AND u.current_expiry_date BETWEEN :from AND :to
  AND u.current_certificate_id IS NOT NULL AND u.current_revoked = :revoked AND u.reissue_state IS NULL
  AND (SELECT m.milestone FROM notice_marker m WHERE m.certificate_id = u.current_certificate_id)
    IS DISTINCT FROM :milestone`;

/**
 * A version-7 UUID in each database's own SQL: the statement's time in milliseconds (48 bits) then
 * random bits, so the rows of one slice take neighbouring keys at the end of the outbox's primary
 * key instead of pages all over it (a random version 4 made every slice rewrite most of the
 * index's leaves, and SQLite's checkpoints copy each rewritten page: figures in
 * docs/notice-run-benchmarks.md).
 */
function uuid7Sql(postgres: boolean): string {
  const ms = postgres
    ? `lpad(to_hex(CAST(trunc(extract(epoch FROM statement_timestamp()) * 1000) AS bigint)), 12, '0')`
    : `printf('%012x', CAST(round(unixepoch('subsec') * 1000) AS INTEGER))`;
  // The rest of a version 4's text from its version digit on: random but for the variant bits.
  const random = postgres
    ? 'substr(CAST(gen_random_uuid() AS varchar), 16)'
    : `substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1)
      || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))`;
  return `lower(substr(${ms}, 1, 8) || '-' || substr(${ms}, 9, 4) || '-7' || ${random})`;
}

/**
 * The planner's SQL (see notice-planner.ts): each slice is one `INSERT … SELECT` from `ib_user`
 * into the outbox, so no row travels through the process and the database does one index range
 * per slice. The outbox's unique `dedupe_key` (`m:<certificate>:<milestone>`, the same key as
 * {@link milestoneKey}) skips what a concurrent or repeated run has queued. The marker follows in
 * the same transaction (a trigger on the outbox: per statement on PostgreSQL, per row on SQLite).
 * System-wide: the credit union is named (no request context).
 */
@Injectable()
export class NoticeCandidateRepository {
  private readonly postgres: boolean;
  /**
   * Slices queued at once: on PostgreSQL each `INSERT … SELECT` is one backend's CPU, so two at a
   * time (two pool connections) use two cores; SQLite has one writer, so one.
   */
  readonly slicesAtOnce: number;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.postgres = dataSource.options.type === 'postgres';
    this.slicesAtOnce = this.postgres ? 2 : 1;
  }

  /** Queues the slice's notices; counts the IB users due and the outbox rows written. */
  async queue(slice: SliceToQueue): Promise<QueuedSlice> {
    const params = {
      creditUnionId: slice.creditUnionId,
      from: slice.from,
      to: slice.to,
      revoked: false,
      milestone: slice.milestone,
      milestoneKey: String(slice.milestone),
      kind: slice.kind,
      runId: slice.runId,
      today: slice.today,
      now: slice.now,
    };
    const due = `SELECT u.id, u.credit_union_id, u.current_certificate_id, u.customer_id, u.current_expiry_date ${DUE}`;
    if (this.postgres) {
      // One statement: the due IB users once, the rows written from them, both counted.
      const [row] = await this.rows<{ candidates: string; planned: string }>(
        `WITH due AS MATERIALIZED (${due}),
        queued AS (${this.insert('FROM due u')} RETURNING 1)
        SELECT (SELECT COUNT(*) FROM due) AS candidates, (SELECT COUNT(*) FROM queued) AS planned`,
        params,
      );
      return {
        candidates: Number(row.candidates),
        planned: Number(row.planned),
      };
    }
    // SQLite has no INSERT in a CTE: the due IB users go to a temporary table of this connection
    // (SQLite's one), read once, as the CTE does on PostgreSQL.
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`CREATE TEMP TABLE IF NOT EXISTS notice_due (id, credit_union_id,
        current_certificate_id, customer_id, current_expiry_date)`);
      await manager.query('DELETE FROM temp.notice_due');
      const found = await this.changed(
        manager,
        `INSERT INTO temp.notice_due ${due}`,
        params,
      );
      // `WHERE true`: SQLite's grammar needs it before ON CONFLICT in an INSERT … SELECT.
      const written = await this.changed(
        manager,
        this.insert('FROM temp.notice_due u WHERE true'),
        params,
      );
      return { candidates: found, planned: written };
    });
  }

  /** How many outbox rows the run has. */
  planned(runId: string): Promise<number> {
    return this.dataSource.getRepository(NoticeOutbox).countBy({ runId });
  }

  /** The outbox rows of the IB users `u` that `from` gives (a `FROM … WHERE …`). */
  private insert(from: string): string {
    // PostgreSQL types a bare parameter in a SELECT list as text: say what each one is.
    const as = (name: string, type: string) =>
      this.postgres ? `CAST(:${name} AS ${type})` : `:${name}`;
    const id = uuid7Sql(this.postgres);
    return `INSERT INTO notice_outbox (id, credit_union_id, dedupe_key, kind, milestone, certificate_id,
      ib_user_id, customer_id, run_id, business_date, expiry_date, status, attempts, next_attempt_at,
      created_at, updated_at)
    SELECT ${id}, u.credit_union_id, 'm:' || u.current_certificate_id || ':' || ${as('milestoneKey', 'varchar')},
      ${as('kind', 'varchar')}, ${as('milestone', 'integer')}, u.current_certificate_id, u.id, u.customer_id,
      ${as('runId', 'varchar')}, ${as('today', 'date')}, u.current_expiry_date, 'pending', 0,
      ${as('now', 'timestamptz')}, ${as('now', 'timestamptz')}, ${as('now', 'timestamptz')}
    ${from}
    ON CONFLICT (dedupe_key) DO NOTHING`;
  }

  /** The rows of `sql`, with named parameters. */
  private rows<T>(sql: string, params: Record<string, unknown>): Promise<T[]> {
    const [query, values] = this.dataSource.driver.escapeQueryWithParameters(
      sql,
      params,
    );
    return this.dataSource.query<T[]>(query, values);
  }

  /** How many rows `sql` (with named parameters) changed, in `manager`'s transaction. */
  private async changed(
    manager: EntityManager,
    sql: string,
    params: Record<string, unknown>,
  ): Promise<number> {
    const [query, values] = this.dataSource.driver.escapeQueryWithParameters(
      sql,
      params,
    );
    const runner = manager.queryRunner as QueryRunner;
    return (await runner.query(query, values, true)).affected ?? 0;
  }
}
