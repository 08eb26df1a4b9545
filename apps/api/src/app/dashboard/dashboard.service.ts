import { Injectable } from '@nestjs/common';
import {
  addDays,
  daysBetween,
  LIFECYCLE_STATUSES,
  LifecycleStatus,
  lifecycleStatus,
  resolveLifecyclePolicy,
} from '@certdesk/domain';
import type { DashboardSummary } from '@certdesk/contracts';
import { Clock } from '../infra/clock/clock';
import { TenantScope } from '../infra/tenancy/tenant-scope';
import { IbUserCountRepository } from './ib-user-count.repository';

const WEEKS = 12;
const NO_CERTIFICATE = '9999-12-31';

/**
 * `GET /api/dashboard`: from `ib_user_count` (kept by triggers on `ib_user`, see migration
 * 1764000000090), one row per (expiry date, revoked, reissue state) of the credit union, read as
 * a couple of hundred groups (the dates that can differ in status or count, see below) whatever the
 * number of certificates; each group's status comes from libs/domain.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly scope: TenantScope,
    private readonly clock: Clock,
    private readonly counts: IbUserCountRepository,
  ) {}

  async summary(): Promise<DashboardSummary> {
    const today = this.clock.today();
    const policy = resolveLifecyclePolicy(await this.scope.creditUnion());
    // Every date before the self-service limit has the same status, and so has every date past the
    // horizon (valid, beyond the due counts and the chart): each such range is summed as one date.
    const before = addDays(today, -policy.selfServiceDaysAfterExpiry - 1);
    const horizon = addDays(
      today,
      Math.max(WEEKS * 7, policy.renewalWindowDays + 1),
    );
    const rows = await this.counts.groups({
      before,
      horizon,
      noCertificate: NO_CERTIFICATE,
    });

    const counts = Object.fromEntries(
      LIFECYCLE_STATUSES.map((s) => [s, 0]),
    ) as Record<LifecycleStatus, number>;
    const expiriesPerWeek = Array.from({ length: WEEKS }, (_, w) => ({
      weekStart: addDays(today, w * 7),
      count: 0,
    }));
    let due7 = 0;
    let due30 = 0;
    for (const row of rows) {
      const n = Number(row.n);
      const expiryDate =
        row.expiry_key === NO_CERTIFICATE ? null : row.expiry_key;
      const revoked =
        row.revoked === true ||
        Number(row.revoked) === 1 ||
        row.revoked === 't';
      const reissue =
        row.reissue_key === 'pending' || row.reissue_key === 'authorized'
          ? row.reissue_key
          : null;
      counts[
        lifecycleStatus({ expiryDate, revoked, reissue }, today, policy)
      ] += n;
      if (!expiryDate || revoked || reissue) continue;
      const daysLeft = daysBetween(today, expiryDate);
      if (daysLeft < 0) continue;
      if (daysLeft <= 7) due7 += n;
      if (daysLeft <= 30) due30 += n;
      if (daysLeft < WEEKS * 7)
        expiriesPerWeek[Math.floor(daysLeft / 7)].count += n;
    }

    return {
      today,
      counts,
      total: Object.values(counts).reduce((a, b) => a + b, 0),
      renewalDueWithin7Days: due7,
      renewalDueWithin30Days: due30,
      lockedOut: counts.expired,
      pastLimit: counts.reissue_required,
      pendingReissueApprovals: counts.reissue_pending,
      expiriesPerWeek,
    };
  }
}
