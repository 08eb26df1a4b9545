import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { AuditEntry } from '../audit/audit-entry';
import { AuditService } from '../audit/audit.service';
import {
  AttemptCounter,
  AttemptLimit,
  EndedWindow,
} from '../infra/limits/attempt-counter';
import { requestContext } from '../infra/tenancy/request-context';

const WINDOW_MS = 10 * 60_000;
/** Refusals of one kind from one address recorded one by one per 10 minutes. */
export const IB_REFUSALS_AUDITED_PER_ADDRESS: AttemptLimit = {
  scope: 'audit_ib_address',
  max: 5,
  windowMs: WINDOW_MS,
};
/** Refusals of one kind from all addresses together recorded one by one per 10 minutes. */
export const IB_REFUSALS_AUDITED_OVERALL: AttemptLimit = {
  scope: 'audit_ib_refusals',
  max: 100,
  windowMs: WINDOW_MS,
};

/** A refused IB attempt: `ib.logon.refused` (certificate log-on) or `ib.acquisition.refused`. */
export interface IbRefusal {
  action: 'ib.logon.refused' | 'ib.acquisition.refused';
  /** The refusal's code (ApiError.code), e.g. `unknown_certificate`, `unknown_login_id`, `pin_locked`. */
  reason: string;
  entry?: Omit<AuditEntry, 'action' | 'outcome'>;
}

/**
 * Audits every refused IB attempt without letting a flood grow the audit log without bound: per
 * 10-minute window and kind (`action` + reason), the first 5 refusals from each address and the
 * first 100 from all addresses are recorded one by one; every refusal is counted (`attempt_counter`,
 * shared by all processes), and when a window with more than 5 ends, one `ib.refusals.summary`
 * records how many there were. So a flood adds at most 101 records per kind per 10 minutes.
 */
@Injectable()
export class IbRefusalAudit implements OnModuleInit {
  private readonly logger = new Logger(IbRefusalAudit.name);

  constructor(
    private readonly counter: AttemptCounter,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.counter.onEnded(IB_REFUSALS_AUDITED_OVERALL.scope, (ended) =>
      this.summarise(ended),
    );
  }

  async record(refusal: IbRefusal): Promise<void> {
    try {
      const kind = `${refusal.action}:${refusal.reason}`;
      const address = requestContext.current()?.ip ?? 'unknown';
      await this.summarise(
        await this.counter.takeEnded(IB_REFUSALS_AUDITED_OVERALL.scope, kind),
      );
      const overall = await this.counter.hit(IB_REFUSALS_AUDITED_OVERALL, kind);
      const fromAddress = await this.counter.hit(
        IB_REFUSALS_AUDITED_PER_ADDRESS,
        `${kind}|${address}`,
      );
      if (
        overall.count > IB_REFUSALS_AUDITED_OVERALL.max ||
        fromAddress.count > IB_REFUSALS_AUDITED_PER_ADDRESS.max
      )
        return;
      await this.audit.record({
        creditUnionId: null,
        actorType: 'anonymous',
        actorId: null,
        actorName: null,
        ...refusal.entry,
        action: refusal.action,
        outcome: 'failure',
        details: { reason: refusal.reason, ...refusal.entry?.details },
      });
    } catch (error) {
      // The refusal itself must still reach the customer.
      this.logger.error(`IB refusal audit failed: ${String(error)}`);
    }
  }

  /** One `ib.refusals.summary` per ended window in which some refusals may not have been recorded one by one. */
  private async summarise(ended: EndedWindow[]): Promise<void> {
    for (const window of ended) {
      if (window.attempts <= IB_REFUSALS_AUDITED_PER_ADDRESS.max) continue;
      const [action, reason] = window.subject.split(':');
      await this.audit.record({
        action: 'ib.refusals.summary',
        outcome: 'failure',
        creditUnionId: null,
        actorType: 'system',
        actorId: null,
        actorName: null,
        details: {
          refusedAction: action,
          reason,
          refusals: window.attempts,
          windowMinutes: WINDOW_MS / 60_000,
          windowEndedAt: new Date(window.windowEndsMs).toISOString(),
        },
      });
    }
  }
}
