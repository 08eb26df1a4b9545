import { Injectable } from '@nestjs/common';
import type {
  AuditLastVerification,
  AuditPage,
  AuditRecord,
  AuditVerification,
} from '@certdesk/contracts';
import { Clock } from '../infra/clock/clock';
import { assertPeriod } from '../infra/http/period';
import { currentCreditUnionId } from '../infra/tenancy/tenant';
import { AuditEvent } from './audit-event.entity';
import { AuditEventRepository } from './audit-event.repository';
import { AuditQueryDto } from './audit-query.dto';
import { AuditService } from './audit.service';
import { ChainAuditor } from './chain-auditor';

const DEFAULT_LIMIT = 50;

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
    private readonly events: AuditEventRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly auditor: ChainAuditor,
  ) {}

  async list(query: AuditQueryDto): Promise<AuditPage> {
    assertPeriod(query);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.events.newestFirst(
      {
        from: query.from,
        to: query.to,
        cursor: query.cursor ? Number(query.cursor) : undefined,
        action: query.action,
        outcome: query.outcome,
        actorLike: query.actor
          ? `%${escapeLike(query.actor.toLowerCase())}%`
          : undefined,
      },
      limit + 1,
    );
    const items = rows.slice(0, limit).map(toAuditRecord);
    return {
      items,
      nextCursor:
        rows.length > limit ? String(items[items.length - 1].seq) : null,
    };
  }

  /**
   * Recomputes the chain up to its head at the start of the run and checks it against its signed
   * heads (chain-auditor.ts), and records the run itself (`audit.verify`; outcome `failure` when the chain is broken).
   */
  async verify(): Promise<AuditVerification> {
    const chain = currentCreditUnionId();
    try {
      const result = await this.auditor.verifyChain(chain);
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
          headsChecked: result.headsChecked,
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

  /** The last verification of the credit union's chain (daily or on demand) and its last signed head. */
  async lastVerification(): Promise<AuditLastVerification> {
    const chain = currentCreditUnionId();
    const run = await this.events.lastVerificationRun(chain);
    const head = await this.events.lastHead(chain);
    const details = run
      ? (JSON.parse(run.details) as Partial<AuditVerification> & {
          scheduled?: boolean;
        })
      : null;
    return {
      last:
        run && details
          ? {
              intact: details.intact === true,
              checked: details.checked ?? 0,
              firstBroken: details.firstBroken ?? null,
              headsChecked: details.headsChecked,
              verifiedAt: run.occurredAt.toISOString(),
              scheduled: details.scheduled === true,
            }
          : null,
      lastHead: head
        ? { seq: head.seq, recordedAt: head.recordedAt.toISOString() }
        : null,
    };
  }
}
