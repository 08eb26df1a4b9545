import { LifecyclePolicy } from '@certdesk/domain';

/** Days to expiry (d = E − T) that a milestone owns: `fromDays ≤ d ≤ toDays`. */
export interface MilestoneWindow {
  milestone: number;
  fromDays: number;
  toDays: number;
}

/**
 * The day ranges of libs/domain `milestoneForDay` per milestone: sorted descending, m owns
 * (next lower milestone, m], cut to its phase (renewal d ≥ 0, post-expiry d ≥ −selfService).
 * Planning reads only IB users whose expiry date falls in one of these ranges (indexed), and
 * still asks `dueNotice` for each of them.
 */
export function milestoneWindows(
  milestones: readonly number[],
  policy: LifecyclePolicy,
): MilestoneWindow[] {
  const sorted = [...milestones].sort((a, b) => b - a);
  return sorted
    .map((milestone, i) => {
      const lower =
        i + 1 < sorted.length ? sorted[i + 1] + 1 : Number.NEGATIVE_INFINITY;
      const phaseStart =
        milestone >= 0 ? 0 : -policy.selfServiceDaysAfterExpiry;
      return {
        milestone,
        fromDays: Math.max(lower, phaseStart),
        toDays: milestone,
      };
    })
    .filter((w) => w.fromDays <= w.toDays);
}
