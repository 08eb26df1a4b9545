import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { CreditUnion } from '../../credit-unions/credit-union.entity';
import { IbUser } from '../../customers/ib-user.entity';
import { Clock } from '../../infra/clock/clock';
import { NoticeScheduleService } from '../schedule/notice-schedule.service';
import { NoticeOutbox } from './notice-outbox.entity';
import { NoticeSender } from './notice-sender';

/**
 * For the reissue flow: queue the 「再発行手続き完了のご案内」 e-mail when a reissue is approved.
 * Call `enqueue` inside the approval's transaction (it commits or rolls back with it), then
 * `kick()` after the commit to send without waiting for the worker's next round. At most one
 * notice per reissue (dedupe key `reissue:<reissueId>`); nothing when the schedule switched it off.
 */
@Injectable()
export class ReissueNoticeQueue {
  constructor(
    private readonly schedules: NoticeScheduleService,
    private readonly sender: NoticeSender,
    private readonly clock: Clock,
  ) {}

  /** False when the credit union switched the notice off; a second call for the same reissue queues nothing. */
  async enqueue(
    manager: EntityManager,
    input: { reissueId: string; ibUser: IbUser; acquisitionDeadline: string },
  ): Promise<boolean> {
    const cu = await manager
      .getRepository(CreditUnion)
      .findOneByOrFail({ id: input.ibUser.creditUnionId });
    if (!(await this.schedules.settingsFor(cu, manager)).reissueReadyEnabled)
      return false;
    const now = this.clock.now();
    const row: Partial<NoticeOutbox> = {
      id: randomUUID(),
      creditUnionId: cu.id,
      dedupeKey: `reissue:${input.reissueId}`,
      kind: 'reissue_ready',
      milestone: null,
      certificateId: null,
      ibUserId: input.ibUser.id,
      customerId: input.ibUser.customerId,
      runId: null,
      businessDate: this.clock.today(),
      expiryDate: null,
      acquisitionDeadline: input.acquisitionDeadline,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: now,
    };
    await manager
      .createQueryBuilder()
      .insert()
      .into(NoticeOutbox)
      .values(row)
      .orIgnore()
      .execute();
    return true;
  }

  /** Sends the credit union's queued notices now, in the background (call after the commit). */
  kick(creditUnionId: string): void {
    this.sender.kick(creditUnionId);
  }
}
