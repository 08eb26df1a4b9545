import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type {
  AuditPage,
  AuditRecord,
  AuditVerification,
} from '@certdesk/contracts';
import { addDays, jstStartOfDay } from '@certdesk/domain';
import { Clock } from '../infra/clock/clock';
import { currentCreditUnionId } from '../infra/tenancy/tenant';
import { AuditEvent } from './audit-event.entity';
import { AuditQueryDto } from './audit-query.dto';
import { AuditService } from './audit.service';
import { ChainVerifier } from './chain-verifier';

const DEFAULT_LIMIT = 50;
/** Records read per round trip while verifying: memory stays bounded whatever the chain's length. */
export const VERIFY_PAGE_SIZE = 1000;

const escapeLike = (text: string): string =>
  text.replace(/[\\%_]/g, (c) => `\\${c}`);

export function toAuditRecord(event: AuditEvent): AuditRecord {
  return {
    id: event.id,
    seq: event.seq,
    occurredAt: event.occurredAt.toISOString(),
    actorType: event.actorType,
    actorId: event.actorId,
    actorName: event.actorName,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    outcome: event.outcome,
    ip: event.ip,
    requestId: event.requestId,
    details: JSON.parse(event.details) as Record<string, unknown>,
    hash: event.hash,
  };
}

/** Reads and verifies the signed-in staff member's credit union chain; never another's. */
@Injectable()
export class AuditQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(query: AuditQueryDto): Promise<AuditPage> {
    if (query.from && query.to && query.from > query.to) {
      throw new BadRequestException({
        message: '期間の開始日は終了日以前の日付を指定してください',
        details: [{ field: 'from', reason: '終了日より後です' }],
      });
    }
    const chain = currentCreditUnionId();
    const limit = query.limit ?? DEFAULT_LIMIT;
    const qb = this.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('a')
      .where('a.chain = :chain AND a.creditUnionId = :chain', { chain });
    if (query.cursor)
      qb.andWhere('a.seq < :cursor', { cursor: Number(query.cursor) });
    if (query.from)
      qb.andWhere('a.occurredAt >= :fromInstant', {
        fromInstant: jstStartOfDay(query.from),
      });
    if (query.to)
      qb.andWhere('a.occurredAt < :toInstant', {
        toInstant: jstStartOfDay(addDays(query.to, 1)),
      });
    if (query.action)
      qb.andWhere('a.action = :action', { action: query.action });
    if (query.outcome)
      qb.andWhere('a.outcome = :outcome', { outcome: query.outcome });
    if (query.actor) {
      qb.andWhere(`LOWER(a.actorName) LIKE :actor ESCAPE '\\'`, {
        actor: `%${escapeLike(query.actor.toLowerCase())}%`,
      });
    }
    const rows = await qb
      .orderBy('a.seq', 'DESC')
      .limit(limit + 1)
      .getMany();
    const items = rows.slice(0, limit).map(toAuditRecord);
    return {
      items,
      nextCursor:
        rows.length > limit ? String(items[items.length - 1].seq) : null,
    };
  }

  /**
   * Recomputes the chain up to its head at the start of the run, page by page in `seq` order,
   * and records the run itself (`audit.verify`; outcome `failure` when the chain is broken).
   */
  async verify(): Promise<AuditVerification> {
    const chain = currentCreditUnionId();
    try {
      const result = await this.walk(chain);
      const verification: AuditVerification = {
        ...result,
        verifiedAt: this.clock.now().toISOString(),
      };
      await this.audit.record({
        action: 'audit.verify',
        outcome: result.intact ? 'success' : 'failure',
        details: {
          intact: result.intact,
          checked: result.checked,
          firstBroken: result.firstBroken,
        },
      });
      return verification;
    } catch (error) {
      await this.audit
        .record({
          action: 'audit.verify',
          outcome: 'failure',
          details: { completed: false },
        })
        .catch(() => undefined);
      throw error;
    }
  }

  private async walk(
    chain: string,
  ): Promise<ReturnType<ChainVerifier['result']>> {
    const repository = this.dataSource.getRepository(AuditEvent);
    const head = await repository
      .createQueryBuilder('a')
      .select('MAX(a.seq)', 'seq')
      .where('a.chain = :chain', { chain })
      .getRawOne<{ seq: number | string | null }>();
    const headSeq = Number(head?.seq ?? 0);
    const verifier = new ChainVerifier();
    for (;;) {
      const page = await repository
        .createQueryBuilder('a')
        .where('a.chain = :chain AND a.seq > :after AND a.seq <= :headSeq', {
          chain,
          after: verifier.position,
          headSeq,
        })
        .orderBy('a.seq', 'ASC')
        .limit(VERIFY_PAGE_SIZE)
        .getMany();
      if (
        !page.every((record) => verifier.accept(record)) ||
        page.length < VERIFY_PAGE_SIZE
      )
        break;
    }
    return verifier.result();
  }
}
