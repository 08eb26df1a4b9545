import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { ReissueStatus } from '@certdesk/domain';
import { IbUser } from '../customers/ib-user.entity';
import { Manager } from '../infra/database/transactions';
import {
  tenantCondition,
  tenantParameters,
} from '../infra/tenancy/tenant-condition';
import { ReissueRequest } from './reissue-request.entity';

/**
 * The statements of 再発行 that are not plain tenant-scoped reads and writes (those go through
 * `TenantScope`): each state change is one conditional UPDATE, so of simultaneous writers one wins.
 * Every method runs in the caller's transaction (`em`).
 */
@Injectable()
export class ReissueRequestRepository {
  /** Moves the credit union's request `id` from `from`; false when it is no longer there (another decision won). */
  async transition(
    em: Manager,
    id: string,
    from: ReissueStatus,
    patch: Partial<ReissueRequest>,
  ): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(ReissueRequest)
      .set(patch)
      .where(`id = :id AND ${tenantCondition()} AND status = :from`, {
        id,
        from,
        ...tenantParameters(),
      })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Authorizations whose last day is before `today` (all credit unions, or one). System-wide. */
  overdue(
    em: Manager,
    today: string,
    creditUnionId?: string,
  ): Promise<ReissueRequest[]> {
    const qb = em
      .getRepository(ReissueRequest)
      .createQueryBuilder('r')
      .where("r.status = 'authorized' AND r.authorized_until < :today", {
        today,
      });
    if (creditUnionId)
      qb.andWhere(tenantCondition('r'), tenantParameters(creditUnionId));
    return qb.getMany();
  }

  /** Expires the request if it is still authorized; false when something else closed it first. */
  async expire(em: Manager, id: string, now: Date): Promise<boolean> {
    const changed = await em.update(
      ReissueRequest,
      { id, status: 'authorized' },
      { status: 'expired', closedAt: now },
    );
    return !!changed.affected;
  }

  /** The IB users whose authorization ended unused drop back to the date rules. */
  async releaseAuthorized(
    em: Manager,
    ibUserIds: string[],
    now: Date,
  ): Promise<void> {
    await em.update(
      IbUser,
      { id: In(ibUserIds), reissueState: 'authorized' },
      { reissueState: null, updatedAt: now },
    );
  }

  /** The IB user's authorization has been used by an acquisition; false when there was none. */
  async complete(em: Manager, ibUserId: string, now: Date): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(ReissueRequest)
      .set({ status: 'completed', closedAt: now })
      .where("ib_user_id = :ibUserId AND status = 'authorized'", { ibUserId })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
