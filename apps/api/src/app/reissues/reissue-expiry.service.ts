import {
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../infra/clock/clock';
import { Manager, Transactions } from '../infra/database/transactions';
import { ReissueRequest } from './reissue-request.entity';
import { ReissueRequestRepository } from './reissue-request.repository';

const SWEEP_EVERY_MS = 60 * 60 * 1000;

/**
 * The end of an acquisition authorization: completed by the customer's acquisition, or expired
 * when its last day has passed unused (swept hourly and before every listing). System-wide, not
 * tenant-scoped: it runs without a signed-in staff member. Several processes may sweep at once:
 * each audits only the expirations its own UPDATE made.
 */
@Injectable()
export class ReissueExpiryService
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(ReissueExpiryService.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly transactions: Transactions,
    private readonly requests: ReissueRequestRepository,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(
      () =>
        void this.expireOverdue().catch((e: unknown) =>
          this.logger.error(String(e)),
        ),
      SWEEP_EVERY_MS,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Authorizations whose last day is before today become `expired`; their IB users drop back to the date rules. */
  async expireOverdue(creditUnionId?: string): Promise<number> {
    const today = this.clock.today();
    const now = this.clock.now();
    return this.transactions.run(async (em) => {
      const candidates = await this.requests.overdue(em, today, creditUnionId);
      // Each row changes only if it is still authorized when this transaction writes it: another
      // process sweeping at the same time (or an acquisition) may have closed it since the read.
      // Only what this sweep changed is written to the IB user and audited.
      const overdue: ReissueRequest[] = [];
      for (const r of candidates) {
        if (await this.requests.expire(em, r.id, now)) overdue.push(r);
      }
      if (!overdue.length) return 0;
      await this.requests.releaseAuthorized(
        em,
        overdue.map((r) => r.ibUserId),
        now,
      );
      for (const r of overdue) {
        await this.audit.recordIn(em, {
          action: 'reissue.expire',
          outcome: 'success',
          creditUnionId: r.creditUnionId,
          actorType: 'system',
          actorName: 'reissue expiry',
          targetType: 'reissue_request',
          targetId: r.id,
          details: { ibUserId: r.ibUserId, authorizedUntil: r.authorizedUntil },
        });
      }
      return overdue.length;
    });
  }

  /** Called by the acquisition flow inside its transaction: the authorization has been used. */
  async completeIn(em: Manager, ibUserId: string): Promise<boolean> {
    return this.requests.complete(em, ibUserId, this.clock.now());
  }
}
