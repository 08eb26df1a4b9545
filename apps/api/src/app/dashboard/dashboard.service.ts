import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { addDays, daysBetween, LIFECYCLE_STATUSES, LifecycleStatus, resolveLifecyclePolicy } from '@certdesk/domain';
import type { DashboardSummary } from '@certdesk/contracts';
import { statusBounds, statusConditionSql, statusParameters } from '../certificates/status-sql';
import { CreditUnion } from '../credit-unions/credit-union.entity';
import { IbUser } from '../customers/ib-user.entity';
import { Clock } from '../infra/clock/clock';
import { TenantScope } from '../infra/tenancy/tenant-scope';

const WEEKS = 12;
const ACTIVE = 'u.reissue_state IS NULL AND u.current_revoked = FALSE';

/** `GET /api/dashboard`: two indexed queries over the credit union's IB users. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly scope: TenantScope,
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async summary(): Promise<DashboardSummary> {
    const today = this.clock.today();
    const creditUnion = await this.dataSource.getRepository(CreditUnion).findOneByOrFail({ id: this.scope.creditUnionId });
    const policy = resolveLifecyclePolicy(creditUnion);
    const users = this.scope.repository(IbUser);
    const sums = LIFECYCLE_STATUSES.map((s) => `SUM(CASE WHEN ${statusConditionSql('u', s)} THEN 1 ELSE 0 END) AS "${s}"`);
    const row = await users.createQueryBuilder('u')
      .select(sums)
      .addSelect(`SUM(CASE WHEN ${ACTIVE} AND u.current_expiry_date BETWEEN :stToday AND :due7 THEN 1 ELSE 0 END)`, 'due7')
      .addSelect(`SUM(CASE WHEN ${ACTIVE} AND u.current_expiry_date BETWEEN :stToday AND :due30 THEN 1 ELSE 0 END)`, 'due30')
      .setParameters({ ...statusParameters(statusBounds(today, policy)), due7: addDays(today, 7), due30: addDays(today, 30) })
      .getRawOne<Record<string, string | number | null>>();
    const counts = Object.fromEntries(LIFECYCLE_STATUSES.map((s) => [s, Number(row?.[s] ?? 0)])) as Record<LifecycleStatus, number>;

    const lastDay = addDays(today, WEEKS * 7 - 1);
    const perDay = await users.createQueryBuilder('u')
      .select('u.current_expiry_date', 'day').addSelect('COUNT(*)', 'n')
      .andWhere(ACTIVE).andWhere('u.current_expiry_date BETWEEN :today AND :lastDay', { today, lastDay })
      .groupBy('u.current_expiry_date')
      .getRawMany<{ day: string; n: string | number }>();
    const expiriesPerWeek = Array.from({ length: WEEKS }, (_, w) => ({ weekStart: addDays(today, w * 7), count: 0 }));
    for (const { day, n } of perDay) expiriesPerWeek[Math.floor(daysBetween(today, day) / 7)].count += Number(n);

    return {
      today,
      counts,
      total: Object.values(counts).reduce((a, b) => a + b, 0),
      renewalDueWithin7Days: Number(row?.['due7'] ?? 0),
      renewalDueWithin30Days: Number(row?.['due30'] ?? 0),
      lockedOut: counts.expired,
      pastLimit: counts.reissue_required,
      pendingReissueApprovals: counts.reissue_pending,
      expiriesPerWeek,
    };
  }
}
