import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { NoticeSchedule as NoticeScheduleView } from '@certdesk/contracts';
import {
  DEFAULT_NOTICE_MILESTONES,
  describeMilestone,
  LifecyclePolicy,
  noticeKindForMilestone,
  validateMilestones,
} from '@certdesk/domain';
import { AuditService } from '../../audit/audit.service';
import { CreditUnion } from '../../credit-unions/credit-union.entity';
import { Clock } from '../../infra/clock/clock';
import { Transactions } from '../../infra/database/transactions';
import { AppError } from '../../infra/http/app-error';
import { AppConfig } from '../../infra/config/config';
import { currentPrincipal } from '../../infra/tenancy/tenant';
import { TenantScope } from '../../infra/tenancy/tenant-scope';
import { APP_CONFIG } from '../../infra/config/app-config.module';
import { NoticeSchedule } from './notice-schedule.entity';
import { UpdateNoticeScheduleDto } from './notice-schedule.dto';

/** What dispatch needs of a credit union's schedule (defaults when never saved). */
export interface ScheduleSettings {
  milestones: number[];
  reissueReadyEnabled: boolean;
  policy: LifecyclePolicy;
}

export function policyOf(
  cu: Pick<CreditUnion, 'renewalWindowDays' | 'selfServiceDaysAfterExpiry'>,
): LifecyclePolicy {
  return {
    renewalWindowDays: cu.renewalWindowDays,
    selfServiceDaysAfterExpiry: cu.selfServiceDaysAfterExpiry,
  };
}

/** The post-expiry notices a manager may switch on: −1 (locked out) and 10 days before the self-service limit. */
export function postExpiryMilestones(policy: LifecyclePolicy): number[] {
  return [-1, -Math.max(policy.selfServiceDaysAfterExpiry - 10, 2)];
}

/** Notice schedule per credit union: milestones validated by libs/domain, every change audited. */
@Injectable()
export class NoticeScheduleService {
  constructor(
    private readonly transactions: Transactions,
    private readonly tenant: TenantScope,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** For dispatch (no request context): the credit union named explicitly. */
  /** Pass the caller's `manager` inside a transaction: a second pooled connection there can deadlock the pool. */
  async settingsFor(
    creditUnion: CreditUnion,
    manager: EntityManager = this.transactions.manager,
  ): Promise<ScheduleSettings> {
    const row = await manager
      .getRepository(NoticeSchedule)
      .findOneBy({ creditUnionId: creditUnion.id });
    return {
      milestones: row
        ? (JSON.parse(row.milestones) as number[])
        : [...DEFAULT_NOTICE_MILESTONES],
      reissueReadyEnabled: row ? row.reissueReadyEnabled : true,
      policy: policyOf(creditUnion),
    };
  }

  async view(): Promise<NoticeScheduleView> {
    const cu = await this.tenant.creditUnion();
    const row = await this.tenant.repository(NoticeSchedule).findOneBy({});
    const settings = await this.settingsFor(cu);
    return this.toView(settings, row);
  }

  async update(dto: UpdateNoticeScheduleDto): Promise<NoticeScheduleView> {
    const cu = await this.tenant.creditUnion();
    const policy = policyOf(cu);
    const errors = validateMilestones(dto.milestones, policy);
    if (errors.length > 0) {
      throw new AppError(
        'notice_schedule_invalid',
        `通知日の設定に誤りがあります: ${errors.join(' ')}`,
        errors.map((reason) => ({ field: 'milestones', reason })),
      );
    }
    const before = await this.settingsFor(cu);
    const milestones = [...dto.milestones].sort((a, b) => b - a);
    const reissueReadyEnabled =
      dto.reissueReadyEnabled ?? before.reissueReadyEnabled;
    const username = currentPrincipal().username;
    const now = this.clock.now();
    await this.transactions.run(async (manager) => {
      const repo = this.tenant.repository(NoticeSchedule, manager);
      const existing = await repo.findOneBy({});
      const patch = {
        milestones: JSON.stringify(milestones),
        reissueReadyEnabled,
        updatedAt: now,
        updatedBy: username,
      };
      if (existing) await repo.update(existing.id, patch);
      else await repo.insert({ id: randomUUID(), ...patch });
      await this.audit.recordIn(manager, {
        action: 'notice_schedule.update',
        outcome: 'success',
        targetType: 'notice_schedule',
        targetId: cu.id,
        details: {
          from: {
            milestones: before.milestones,
            reissueReadyEnabled: before.reissueReadyEnabled,
          },
          to: { milestones, reissueReadyEnabled },
        },
      });
    });
    return this.view();
  }

  private toView(
    settings: ScheduleSettings,
    row: NoticeSchedule | null,
  ): NoticeScheduleView {
    const describe = (milestone: number) => ({
      milestone,
      label: describeMilestone(milestone),
      kind: noticeKindForMilestone(milestone, settings.milestones),
    });
    return {
      milestones: settings.milestones,
      reissueReadyEnabled: settings.reissueReadyEnabled,
      explained: settings.milestones.map(describe),
      postExpiryOptions: postExpiryMilestones(settings.policy).map(
        (milestone, i) => ({
          milestone,
          label: describeMilestone(milestone),
          kind: i === 0 ? ('locked_out' as const) : ('last_chance' as const),
        }),
      ),
      policy: settings.policy,
      dailyRunAt: this.config.notices.dailyAt,
      updatedAt: row?.updatedAt.toISOString() ?? null,
      updatedBy: row?.updatedBy ?? null,
    };
  }
}
