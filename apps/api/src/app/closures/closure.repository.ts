import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  Between,
  DataSource,
  EntityManager,
  FindManyOptions,
  FindOptionsWhere,
  In,
} from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { ClosureSource } from '@certdesk/domain';
import { isPostgres } from '../audit/chain-lock';
import { CreditUnion } from '../credit-unions/credit-union.entity';
import { Customer } from '../customers/customer.entity';
import { IbUser } from '../customers/ib-user.entity';
import { ReissueRequest } from '../reissues/reissue-request.entity';
import { RemovalRequest } from './removal-request.entity';

/** Values per `IN (…)`, well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 500;

function chunks<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += CHUNK)
    out.push(values.slice(i, i + CHUNK));
  return out;
}

/**
 * `SELECT … FOR UPDATE` on PostgreSQL: a concurrent closure waits, then no longer sees the rows
 * as active (SQLite's transactions take turns already).
 */
function forUpdate(em: EntityManager) {
  return isPostgres(em) ? { lock: { mode: 'pessimistic_write' as const } } : {};
}

/**
 * Locks the rows of `ids` still active (customers or IB users of the credit union) and writes
 * `patch` on them (closed, removed); returns them as they were, i.e. the ones ended now.
 */
async function endActive<T extends Customer | IbUser>(
  em: EntityManager,
  entity: new () => T,
  creditUnionId: string,
  ids: readonly string[],
  patch: QueryDeepPartialEntity<T>,
): Promise<T[]> {
  const ended: T[] = [];
  for (const part of chunks(ids)) {
    const active: T[] = await em.find(entity, {
      where: { creditUnionId, status: 'active', id: In(part) },
      ...forUpdate(em),
    } as FindManyOptions<T>);
    if (active.length === 0) continue;
    await em.update(
      entity,
      {
        creditUnionId,
        status: 'active',
        id: In(active.map((row) => row.id)),
      } as FindOptionsWhere<T>,
      patch,
    );
    ended.push(...active);
  }
  return ended;
}

/** What a closure writes on each row it closes or removes. */
export interface ClosureStamp {
  on: string;
  at: Date;
  reason: string;
  source: ClosureSource;
}

/** One line of the 解約・削除 report. */
export interface ClosureReportRow {
  kind: 'customer' | 'ib_user';
  closedOn: string;
  closedAt: Date;
  contractNumber: string;
  companyName: string;
  loginId: string | null;
  ibUserName: string | null;
  reason: string | null;
  source: ClosureSource | null;
}

/**
 * The SQL of 解約・削除 (customers closed, IB users removed, held removals). Every query names its
 * credit union: callers pass the signed-in staff member's or, for an import, the file's.
 */
@Injectable()
export class ClosureRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One unit of work: what the methods did with its manager commits at once, or nothing. */
  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The credit unions of these codes (those that exist). */
  creditUnionsByCode(
    em: EntityManager,
    codes: readonly string[],
  ): Promise<CreditUnion[]> {
    return codes.length
      ? em.findBy(CreditUnion, { code: In([...codes]) })
      : Promise.resolve([]);
  }

  /** Customers of a credit union by id, by contract number (at most one chunk of ids). */
  async customersByIds(
    em: EntityManager,
    creditUnionId: string,
    ids: readonly string[],
  ): Promise<Customer[]> {
    const rows: Customer[] = [];
    for (const part of chunks(ids))
      rows.push(
        ...(await em.findBy(Customer, { creditUnionId, id: In(part) })),
      );
    return rows.sort((a, b) =>
      a.contractNumber.localeCompare(b.contractNumber),
    );
  }

  /** IB users of a credit union by id, by login ID. */
  async ibUsersByIds(
    em: EntityManager,
    creditUnionId: string,
    ids: readonly string[],
  ): Promise<IbUser[]> {
    const rows: IbUser[] = [];
    for (const part of chunks(ids))
      rows.push(...(await em.findBy(IbUser, { creditUnionId, id: In(part) })));
    return rows.sort((a, b) => a.loginId.localeCompare(b.loginId));
  }

  /** Active customers and IB users of a credit union (the base of the threshold). */
  async activeCounts(
    em: EntityManager,
    creditUnionId: string,
  ): Promise<{ activeCustomers: number; activeIbUsers: number }> {
    const where = { creditUnionId, status: 'active' as const };
    return {
      activeCustomers: await em.countBy(Customer, where),
      activeIbUsers: await em.countBy(IbUser, where),
    };
  }

  /** Every active customer (id, contract number) and IB user (id, login ID, customer) of a credit union. */
  async activeMembers(
    em: EntityManager,
    creditUnionId: string,
  ): Promise<{
    customers: Pick<Customer, 'id' | 'contractNumber'>[];
    ibUsers: Pick<IbUser, 'id' | 'loginId' | 'customerId'>[];
  }> {
    const where = { creditUnionId, status: 'active' as const };
    return {
      customers: await em.find(Customer, {
        select: { id: true, contractNumber: true },
        where,
      }),
      ibUsers: await em.find(IbUser, {
        select: { id: true, loginId: true, customerId: true },
        where,
      }),
    };
  }

  /** Customers and IB users of a credit union by key, whatever their status (to refuse lines for closed ones). */
  async closedByKeys(
    em: EntityManager,
    creditUnionId: string,
    contractNumbers: readonly string[],
    loginIds: readonly string[],
  ): Promise<{ customers: Customer[]; ibUsers: IbUser[] }> {
    const customers: Customer[] = [];
    for (const part of chunks(contractNumbers))
      customers.push(
        ...(await em.findBy(Customer, {
          creditUnionId,
          status: 'closed',
          contractNumber: In(part),
        })),
      );
    const ibUsers: IbUser[] = [];
    for (const part of chunks(loginIds))
      ibUsers.push(
        ...(await em.findBy(IbUser, {
          creditUnionId,
          status: 'removed',
          loginId: In(part),
        })),
      );
    return { customers, ibUsers };
  }

  /** Closes those of `ids` still active; returns them as they were (the ones closed now). */
  async closeCustomers(
    em: EntityManager,
    creditUnionId: string,
    ids: readonly string[],
    stamp: ClosureStamp,
  ): Promise<Customer[]> {
    return endActive(em, Customer, creditUnionId, ids, {
      status: 'closed',
      closedOn: stamp.on,
      closedAt: stamp.at,
      closureReason: stamp.reason,
      closureSource: stamp.source,
      updatedAt: stamp.at,
    });
  }

  /** Active IB users of these customers (a closed contract ends every one of its log-ins). */
  async activeIbUserIdsOf(
    em: EntityManager,
    creditUnionId: string,
    customerIds: readonly string[],
  ): Promise<string[]> {
    const ids: string[] = [];
    for (const part of chunks(customerIds))
      ids.push(
        ...(
          await em.find(IbUser, {
            select: { id: true },
            where: { creditUnionId, status: 'active', customerId: In(part) },
          })
        ).map((u) => u.id),
      );
    return ids;
  }

  /** Removes those of `ids` still active; returns them as they were (the ones removed now). */
  async removeIbUsers(
    em: EntityManager,
    creditUnionId: string,
    ids: readonly string[],
    stamp: ClosureStamp,
  ): Promise<IbUser[]> {
    return endActive(em, IbUser, creditUnionId, ids, {
      status: 'removed',
      removedOn: stamp.on,
      removedAt: stamp.at,
      removalReason: stamp.reason,
      removalSource: stamp.source,
      updatedAt: stamp.at,
    });
  }

  /** Cancels the open (pending or authorized) reissues of these IB users; returns those cancelled. */
  async cancelOpenReissues(
    em: EntityManager,
    creditUnionId: string,
    ibUserIds: readonly string[],
    now: Date,
  ): Promise<ReissueRequest[]> {
    const cancelled: ReissueRequest[] = [];
    for (const part of chunks(ibUserIds)) {
      const open = await em.findBy(ReissueRequest, {
        creditUnionId,
        ibUserId: In(part),
        status: In(['pending', 'authorized']),
      });
      for (const request of open) {
        const result = await em
          .createQueryBuilder()
          .update(ReissueRequest)
          .set({ status: 'cancelled', closedAt: now })
          .where('id = :id AND credit_union_id = :cu AND status = :status', {
            id: request.id,
            cu: creditUnionId,
            status: request.status,
          })
          .execute();
        if (result.affected) cancelled.push(request);
      }
      await em.update(
        IbUser,
        { creditUnionId, id: In(part) },
        { reissueState: null },
      );
    }
    return cancelled;
  }

  insertRequest(em: EntityManager, request: RemovalRequest): Promise<unknown> {
    return em.insert(RemovalRequest, request);
  }

  /** The credit union's removal request awaiting a decision, if any (at most one). */
  pendingRequest(
    em: EntityManager,
    creditUnionId: string,
  ): Promise<RemovalRequest | null> {
    return em.findOneBy(RemovalRequest, { creditUnionId, status: 'pending' });
  }

  findRequest(
    creditUnionId: string,
    id: string,
    em: EntityManager = this.dataSource.manager,
  ): Promise<RemovalRequest | null> {
    return em.findOneBy(RemovalRequest, { creditUnionId, id });
  }

  listRequests(creditUnionId: string): Promise<RemovalRequest[]> {
    return this.dataSource.getRepository(RemovalRequest).find({
      where: { creditUnionId },
      order: { requestedAt: 'DESC' },
      take: 100,
    });
  }

  /** One conditional UPDATE from `pending`: of simultaneous decisions exactly one wins. */
  async decideRequest(
    em: EntityManager,
    request: RemovalRequest,
    patch: Partial<RemovalRequest>,
  ): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(RemovalRequest)
      .set(patch)
      .where("id = :id AND credit_union_id = :cu AND status = 'pending'", {
        id: request.id,
        cu: request.creditUnionId,
      })
      .execute();
    return Boolean(result.affected);
  }

  /** Customers closed and IB users removed between two JST dates (inclusive), newest first. */
  async report(
    creditUnionId: string,
    from: string,
    to: string,
  ): Promise<ClosureReportRow[]> {
    const closed = await this.dataSource.getRepository(Customer).find({
      where: { creditUnionId, status: 'closed', closedOn: Between(from, to) },
    });
    const removed = await this.dataSource.getRepository(IbUser).find({
      where: { creditUnionId, status: 'removed', removedOn: Between(from, to) },
    });
    const owners = new Map<string, Customer>();
    for (const part of chunks([...new Set(removed.map((u) => u.customerId))]))
      for (const c of await this.dataSource
        .getRepository(Customer)
        .findBy({ creditUnionId, id: In(part) }))
        owners.set(c.id, c);
    const rows: ClosureReportRow[] = [
      ...closed.map((c) => ({
        kind: 'customer' as const,
        closedOn: c.closedOn as string,
        closedAt: c.closedAt as Date,
        contractNumber: c.contractNumber,
        companyName: c.companyName,
        loginId: null,
        ibUserName: null,
        reason: c.closureReason ?? null,
        source: c.closureSource ?? null,
      })),
      ...removed.map((u) => ({
        kind: 'ib_user' as const,
        closedOn: u.removedOn as string,
        closedAt: u.removedAt as Date,
        contractNumber: owners.get(u.customerId)?.contractNumber ?? '',
        companyName: owners.get(u.customerId)?.companyName ?? '',
        loginId: u.loginId,
        ibUserName: u.name,
        reason: u.removalReason ?? null,
        source: u.removalSource ?? null,
      })),
    ];
    return rows.sort(
      (a, b) =>
        b.closedAt.getTime() - a.closedAt.getTime() ||
        a.contractNumber.localeCompare(b.contractNumber) ||
        (a.loginId ?? '').localeCompare(b.loginId ?? ''),
    );
  }
}
