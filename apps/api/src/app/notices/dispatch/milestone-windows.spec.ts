import fc from 'fast-check';
import { milestoneForDay, validateMilestones } from '@certdesk/domain';
import { milestoneWindows } from './milestone-windows';

/** The milestone whose window holds d, by the windows. */
function byWindows(
  d: number,
  milestones: number[],
  policy: { renewalWindowDays: number; selfServiceDaysAfterExpiry: number },
): number | null {
  return (
    milestoneWindows(milestones, policy).find(
      (w) => w.fromDays <= d && d <= w.toDays,
    )?.milestone ?? null
  );
}

describe('milestoneWindows', () => {
  it('gives the default schedule its windows: 30 owns 11…30, 10 owns 0…10', () => {
    expect(
      milestoneWindows([30, 10], {
        renewalWindowDays: 30,
        selfServiceDaysAfterExpiry: 90,
      }),
    ).toEqual([
      { milestone: 30, fromDays: 11, toDays: 30 },
      { milestone: 10, fromDays: 0, toDays: 10 },
    ]);
    expect(
      milestoneWindows([-80, 30, -1, 10], {
        renewalWindowDays: 30,
        selfServiceDaysAfterExpiry: 90,
      }),
    ).toEqual([
      { milestone: 30, fromDays: 11, toDays: 30 },
      { milestone: 10, fromDays: 0, toDays: 10 },
      { milestone: -1, fromDays: -79, toDays: -1 },
      { milestone: -80, fromDays: -90, toDays: -80 },
    ]);
  });

  it('agrees with libs/domain milestoneForDay on every day, for any valid schedule and policy (10,000 cases)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 200 }),
        fc.uniqueArray(fc.integer({ min: -200, max: 60 }), { maxLength: 6 }),
        (renewalWindowDays, selfServiceDaysAfterExpiry, raw) => {
          const policy = { renewalWindowDays, selfServiceDaysAfterExpiry };
          const milestones = raw.filter(
            (m) => validateMilestones([m], policy).length === 0,
          );
          for (let d = -220; d <= 70; d++) {
            if (
              byWindows(d, milestones, policy) !==
              milestoneForDay(d, milestones, policy)
            )
              return false;
          }
          return true;
        },
      ),
      { numRuns: 10_000 },
    );
  });
});
