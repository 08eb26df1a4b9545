import {
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { IbUser } from '../customers/ib-user.entity';
import { Clock } from '../infra/clock/clock';
import { ReissueRequest } from './reissue-request.entity';

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
    @InjectDataSource() private readonly dataSource: DataSource,
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
    return this.dataSource.transaction(async (em) => {
      const qb = em
        .getRepository(ReissueRequest)
        .createQueryBuilder('r')
        .where("r.status = 'authorized' AND r.authorized_until < :today", {
          today,
        });
      if (creditUnionId)
        qb.andWhere('r.credit_union_id = :cu', { cu: creditUnionId });
      const candidates = await qb.getMany();
      // Each row changes only if it is still authorized when this transaction writes it: another
      // process sweeping at the same time (or an acquisition) may have closed it since the read.
      // Only what this sweep changed is written to the IB user and audited.
      const overdue: ReissueRequest[] = [];
      for (const r of candidates) {
        const changed = await em.update(
          ReissueRequest,
          { id: r.id, status: 'authorized' },
          { status: 'expired', closedAt: now },
        );
        if (changed.affected) overdue.push(r);
      }
      if (!overdue.length) return 0;
      await em.update(
        IbUser,
        { id: In(overdue.map((r) => r.ibUserId)), reissueState: 'authorized' },
        { reissueState: null, updatedAt: now },
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
  async completeIn(em: EntityManager, ibUserId: string): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(ReissueRequest)
      .set({ status: 'completed', closedAt: this.clock.now() })
      .where("ib_user_id = :ibUserId AND status = 'authorized'", { ibUserId })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
