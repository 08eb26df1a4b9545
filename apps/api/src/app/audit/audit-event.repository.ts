import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { CreditUnion } from '../credit-unions/credit-union.entity';
import { andWithinJstDays } from '../infra/database/jst-days';
import { Manager } from '../infra/database/transactions';
import {
  tenantCondition,
  tenantParameters,
} from '../infra/tenancy/tenant-condition';
import { currentCreditUnionId } from '../infra/tenancy/tenant';
import { AuditEvent } from './audit-event.entity';
import { AuditHead } from './audit-head.entity';
import { isPostgres, lockChainForTransaction } from './chain-lock';

/** A period of JST days, both ends included. */
export interface AuditPeriod {
  from?: string;
  to?: string;
}

/**
 * The SQL of the audit log: `audit_event` (one hash chain per credit union, `system` for the rest)
 * and its signed heads `audit_head`. Reads of "the credit union's chain" carry the tenant condition;
 * the chain auditor's reads name a chain (it runs without a signed-in staff member).
 */
@Injectable()
export class AuditEventRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get postgres(): boolean {
    return isPostgres(this.dataSource.manager);
  }

  /** PostgreSQL: holds the chain's advisory lock until `manager`'s transaction ends (SQLite: nothing to do). */
  async lockChain(manager: Manager, chain: string): Promise<void> {
    if (isPostgres(manager)) await lockChainForTransaction(manager, chain);
  }

  /** The last record of `chain` (its seq and hash), or null for an empty chain. */
  head(
    chain: string,
    manager: Manager = this.dataSource.manager,
  ): Promise<Pick<AuditEvent, 'seq' | 'hash'> | null> {
    return manager
      .createQueryBuilder(AuditEvent, 'a')
      .select(['a.seq', 'a.hash'])
      .where('a.chain = :chain', { chain })
      .orderBy('a.seq', 'DESC')
      .limit(1)
      .getOne();
  }

  /** Inserts `events` (one statement). */
  async insert(manager: Manager, events: AuditEvent[]): Promise<AuditEvent[]> {
    const rows = events.map((event) => manager.create(AuditEvent, event));
    await manager.insert(AuditEvent, rows);
    return rows;
  }

  /**
   * The signed-in staff member's chain (the tenant condition), newest first from before `cursor`,
   * `limit` records, with the list's filters.
   */
  newestFirst(
    filters: AuditPeriod & {
      cursor?: number;
      action?: string;
      outcome?: string;
      actorLike?: string;
    },
    limit: number,
  ): Promise<AuditEvent[]> {
    const qb = this.ownChain(filters);
    if (filters.cursor !== undefined)
      qb.andWhere('a.seq < :cursor', { cursor: filters.cursor });
    if (filters.action)
      qb.andWhere('a.action = :action', { action: filters.action });
    if (filters.outcome)
      qb.andWhere('a.outcome = :outcome', { outcome: filters.outcome });
    if (filters.actorLike)
      qb.andWhere(`LOWER(a.actorName) LIKE :actor ESCAPE '\\'`, {
        actor: filters.actorLike,
      });
    return qb.orderBy('a.seq', 'DESC').limit(limit).getMany();
  }

  /** The credit union's chain in order after `after`, `size` records (for export; the id is taken when the export opens). */
  inOrder(
    period: AuditPeriod,
    after: number,
    size: number,
    creditUnionId: string,
  ): Promise<AuditEvent[]> {
    return this.ownChain(period, creditUnionId)
      .andWhere('a.seq > :after', { after })
      .orderBy('a.seq', 'ASC')
      .limit(size)
      .getMany();
  }

  /** The last completed verification run recorded in `chain`. */
  lastVerificationRun(chain: string): Promise<AuditEvent | null> {
    return this.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('a')
      .where('a.chain = :chain AND a.action = :action', {
        chain,
        action: 'audit.verify',
      })
      .andWhere('a.details NOT LIKE \'%"completed":false%\'')
      .orderBy('a.seq', 'DESC')
      .limit(1)
      .getOne();
  }

  /** The highest seq of `chain` (0 when empty). */
  async topSeq(chain: string): Promise<number> {
    const top = await this.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('a')
      .select('MAX(a.seq)', 'seq')
      .where('a.chain = :chain', { chain })
      .getRawOne<{ seq: number | string | null }>();
    return Number(top?.seq ?? 0);
  }

  /** Records of `chain` with `after` < seq <= `upTo`, in order, `size` at most. */
  between(
    chain: string,
    after: number,
    upTo: number,
    size: number,
  ): Promise<AuditEvent[]> {
    return this.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('a')
      .where('a.chain = :chain AND a.seq > :after AND a.seq <= :headSeq', {
        chain,
        after,
        headSeq: upTo,
      })
      .orderBy('a.seq', 'ASC')
      .limit(size)
      .getMany();
  }

  /** Every chain there is or was: each credit union's, `system`, and any with a recorded head. */
  async chains(): Promise<string[]> {
    const creditUnions = await this.dataSource
      .getRepository(CreditUnion)
      .find({ select: { id: true } });
    const headed = (await this.dataSource
      .getRepository(AuditHead)
      .createQueryBuilder('h')
      .select('DISTINCT h.chain', 'chain')
      .getRawMany()) as { chain: string }[];
    return [
      ...new Set([
        'system',
        ...creditUnions.map((cu) => cu.id),
        ...headed.map((h) => h.chain),
      ]),
    ].sort();
  }

  /** The signed heads of `chain`, oldest first. */
  heads(chain: string): Promise<AuditHead[]> {
    return this.dataSource
      .getRepository(AuditHead)
      .find({ where: { chain }, order: { seq: 'ASC' } });
  }

  /** The latest head recorded for `chain`. */
  lastHead(chain: string): Promise<AuditHead | null> {
    return this.dataSource.getRepository(AuditHead).findOne({
      where: { chain },
      order: { recordedAt: 'DESC' },
    });
  }

  /** Inserts the head unless one exists for its (chain, day); returns the inserted row or null. */
  async insertHeadOnce(head: AuditHead): Promise<AuditHead | null> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(AuditHead)
      .values(head)
      .orIgnore()
      .execute();
    return this.dataSource.getRepository(AuditHead).findOneBy({ id: head.id });
  }

  private ownChain(
    period: AuditPeriod,
    creditUnionId = currentCreditUnionId(),
  ): SelectQueryBuilder<AuditEvent> {
    const qb = this.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('a')
      .where(`a.chain = :chain AND ${tenantCondition('a', 'creditUnionId')}`, {
        chain: creditUnionId,
        ...tenantParameters(creditUnionId),
      });
    return andWithinJstDays(qb, 'a.occurredAt', period);
  }
}
