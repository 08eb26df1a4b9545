import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, Not, SelectQueryBuilder } from 'typeorm';
import type { EntitySubscriberInterface, QueryRunner } from 'typeorm';
import type { Alias } from 'typeorm/query-builder/Alias';
import { RawSqlResultsToEntityTransformer } from 'typeorm/query-builder/transformer/RawSqlResultsToEntityTransformer';
import { CreditUnion } from '../credit-unions/credit-union.entity';
import { prepareQueryOnce } from '../infra/database/prepared-statements';
import { Manager } from '../infra/database/transactions';
import { StaffUser } from '../staff/staff-user.entity';
import { SessionEndReason, StaffSession } from './staff-session.entity';

/** A session with its staff member and their credit union, as one query reads them. */
export type SessionRow = StaffSession & {
  staff?: StaffUser;
  creditUnion?: CreditUnion;
};

/**
 * The SQL of staff sessions (`staff_session`). Looked up by the token's hash before anyone is known
 * to be signed in, so not tenant-scoped: the session names its staff member and credit union.
 */
@Injectable()
export class StaffSessionRepository {
  /** The session lookup, compiled on its first use (see {@link withStaff}). */
  private lookup?: { sql: string; qb: SelectQueryBuilder<StaffSession> };

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get manager(): Manager {
    return this.dataSource.manager;
  }

  async insert(manager: Manager, session: StaffSession): Promise<void> {
    await manager.insert(StaffSession, session);
  }

  /**
   * The session `id` with its staff member and credit union, in one round trip (planned once per
   * connection on PostgreSQL). It runs on every staff request, and a query builder writes its SQL
   * anew on every execution (a sixth of the floor's CPU in a profile: figures in
   * docs/search-benchmark-rounds.md): the text is fixed, so it is written once and its rows become
   * entities through TypeORM's own transformer.
   */
  async withStaff(id: string): Promise<SessionRow | null> {
    const lookup = (this.lookup ??= this.compileLookup());
    const raw: unknown[] = await this.dataSource.query(lookup.sql, [id]);
    if (raw.length === 0) return null;
    const { expressionMap } = lookup.qb;
    const [row] = new RawSqlResultsToEntityTransformer(
      expressionMap,
      this.dataSource.driver,
      [],
    ).transform(raw, expressionMap.mainAlias as Alias) as SessionRow[];
    return row ?? null;
  }

  private compileLookup(): {
    sql: string;
    qb: SelectQueryBuilder<StaffSession>;
  } {
    const qb = this.dataSource
      .getRepository(StaffSession)
      .createQueryBuilder('s')
      .innerJoinAndMapOne('s.staff', StaffUser, 'u', 'u.id = s.staffUserId')
      .innerJoinAndMapOne(
        's.creditUnion',
        CreditUnion,
        'cu',
        'cu.id = u.creditUnionId',
      )
      .where('s.id = :id', { id: '' });
    const [sql, parameters] = qb.getQueryAndParameters();
    if (parameters.length !== 1)
      throw new Error(
        `the session lookup has ${parameters.length} parameters, expected 1`,
      );
    prepareQueryOnce(qb);
    return { sql, qb };
  }

  /**
   * Calls `changed` whenever this process updates or removes a session, a staff member or a credit
   * union through TypeORM (its subscribers): once the statement has run and, inside a transaction,
   * again when it commits (a check read between the two would otherwise keep the old row).
   */
  onLocalChange(changed: () => void): void {
    const watched = new Set<unknown>([StaffSession, StaffUser, CreditUnion]);
    const pending = new WeakSet<object>();
    const seen = (event: {
      metadata: { target: unknown };
      queryRunner: QueryRunner;
    }) => {
      if (!watched.has(event.metadata.target)) return;
      changed();
      if (event.queryRunner.isTransactionActive) pending.add(event.queryRunner);
    };
    const subscriber: EntitySubscriberInterface = {
      afterUpdate: seen,
      afterRemove: seen,
      afterTransactionCommit: ({ queryRunner }) => {
        if (pending.delete(queryRunner)) changed();
      },
      afterTransactionRollback: ({ queryRunner }) => {
        pending.delete(queryRunner);
      },
    };
    this.dataSource.subscribers.push(subscriber);
  }

  /**
   * SQLite: the counter migration 1764000000310's triggers raise on every change a session check
   * reads; null when it is missing (then nothing may be kept).
   */
  async changeEpoch(): Promise<number | null> {
    const [row] = (await this.dataSource.query(
      'SELECT epoch FROM staff_session_epoch WHERE id = 1',
    )) as { epoch: number }[];
    return row ? Number(row.epoch) : null;
  }

  /**
   * Whether every trigger of migration 1764000000310 is in place (a later migration that rebuilds
   * one of its tables on SQLite would drop them): without them nothing may be kept.
   */
  async changesAnnounced(): Promise<boolean> {
    const postgres = this.dataSource.options.type === 'postgres';
    const [row] = (await this.dataSource.query(
      postgres
        ? `SELECT count(*) AS n FROM pg_trigger WHERE NOT tgisinternal AND tgname IN
           ('staff_session_announce', 'staff_user_announce', 'credit_union_announce')`
        : `SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name IN
           ('staff_session_announce_update', 'staff_session_announce_delete', 'staff_user_announce_update',
            'staff_user_announce_delete', 'credit_union_announce_update', 'credit_union_announce_delete')`,
    )) as { n: number | string }[];
    return Number(row?.n) === (postgres ? 3 : 6);
  }

  /** Records activity on a live session. */
  async touch(id: string, now: Date): Promise<void> {
    await this.dataSource
      .getRepository(StaffSession)
      .update({ id, endedAt: IsNull() }, { lastSeenAt: now });
  }

  findById(id: string): Promise<StaffSession | null> {
    return this.dataSource.getRepository(StaffSession).findOneBy({ id });
  }

  /** Ends the session if it is live. */
  async end(
    manager: Manager,
    id: string,
    reason: SessionEndReason,
    now: Date,
  ): Promise<void> {
    await manager.update(
      StaffSession,
      { id, endedAt: IsNull() },
      { endedAt: now, endReason: reason },
    );
  }

  /** Ends every live session of a staff member (but `except`); returns how many. */
  async endAllFor(
    manager: Manager,
    staffUserId: string,
    reason: SessionEndReason,
    now: Date,
    except?: string,
  ): Promise<number> {
    const where =
      except === undefined
        ? { staffUserId, endedAt: IsNull() }
        : { staffUserId, endedAt: IsNull(), id: Not(except) };
    const result = await manager.update(StaffSession, where, {
      endedAt: now,
      endReason: reason,
    });
    return result.affected ?? 0;
  }
}
