import fc from 'fast-check';
import { RUNS, modelDate } from '../testing/date-model';
import {
  canAcquire,
  canRenew,
  LifecycleInput,
  LifecyclePolicy,
  lifecycleStatus,
  LifecycleStatus,
} from './lifecycle';

const WALK_START = 400;

/**
 * Brute-force model of the date-derived status: start at E−400 and walk one day at a time to
 * today, counting the days left and switching state when a threshold day is reached.
 */
function walkedStatus(
  expiryDay: number,
  todayDay: number,
  policy: LifecyclePolicy,
): LifecycleStatus {
  let daysLeft = WALK_START;
  let status: LifecycleStatus =
    daysLeft > policy.renewalWindowDays ? 'valid' : 'renewal_due';
  for (let day = expiryDay - WALK_START; day < todayDay; day++) {
    daysLeft -= 1;
    if (daysLeft === policy.renewalWindowDays) {
      status = 'renewal_due';
    }
    if (daysLeft === -1) {
      status = 'expired';
    }
    if (daysLeft === -(policy.selfServiceDaysAfterExpiry + 1)) {
      status = 'reissue_required';
    }
  }
  return status;
}

function modelStatus(
  input: LifecycleInput,
  expiryDay: number,
  todayDay: number,
  policy: LifecyclePolicy,
): LifecycleStatus {
  if (input.reissue === 'pending') return 'reissue_pending';
  if (input.reissue === 'authorized') return 'reissue_authorized';
  if (input.revoked === true) return 'revoked';
  if (input.expiryDate === null) return 'not_issued';
  return walkedStatus(expiryDay, todayDay, policy);
}

const scenario = fc.record({
  expiryDay: fc.integer({ min: 11_000, max: 60_000 }), // 2000 … 2134
  offset: fc.integer({ min: -WALK_START, max: WALK_START }), // today = E + offset
  policy: fc.record({
    renewalWindowDays: fc.integer({ min: 0, max: 365 }),
    selfServiceDaysAfterExpiry: fc.integer({ min: 0, max: 365 }),
  }),
  issued: fc.boolean(),
  revoked: fc.option(fc.boolean(), { nil: undefined }),
  reissue: fc.constantFrom<LifecycleInput['reissue']>(
    undefined,
    null,
    'pending',
    'authorized',
  ),
});

/** Mostly plain certificates, so that the date-derived statuses get most of the runs. */
const weightedScenario = fc.oneof(
  {
    weight: 3,
    arbitrary: scenario.map((s) => ({
      ...s,
      issued: true,
      revoked: undefined,
      reissue: undefined,
    })),
  },
  { weight: 1, arbitrary: scenario },
);

describe('lifecycle properties', () => {
  it('lifecycleStatus matches the day-by-day model', () => {
    fc.assert(
      fc.property(
        weightedScenario,
        ({ expiryDay, offset, policy, issued, revoked, reissue }) => {
          const input: LifecycleInput = {
            expiryDate: issued ? modelDate(expiryDay) : null,
            revoked,
            reissue,
          };
          const today = modelDate(expiryDay + offset);
          const expected = modelStatus(
            input,
            expiryDay,
            expiryDay + offset,
            policy,
          );
          expect(lifecycleStatus(input, today, policy)).toBe(expected);
          expect(canRenew(input, today, policy)).toBe(
            expected === 'renewal_due',
          );
          expect(canAcquire(input, today, policy)).toBe(
            expected === 'not_issued' ||
              expected === 'expired' ||
              expected === 'reissue_authorized',
          );
        },
      ),
      RUNS,
    );
  });

  it('a plain certificate only moves forward: valid → renewal_due → expired → reissue_required', () => {
    const order: LifecycleStatus[] = [
      'valid',
      'renewal_due',
      'expired',
      'reissue_required',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 11_000, max: 60_000 }),
        fc.integer({ min: -WALK_START, max: WALK_START }),
        fc.integer({ min: -WALK_START, max: WALK_START }),
        (expiryDay, a, b) => {
          const input = { expiryDate: modelDate(expiryDay) };
          const first = order.indexOf(
            lifecycleStatus(input, modelDate(expiryDay + Math.min(a, b))),
          );
          const second = order.indexOf(
            lifecycleStatus(input, modelDate(expiryDay + Math.max(a, b))),
          );
          expect(first).toBeGreaterThanOrEqual(0);
          expect(second).toBeGreaterThanOrEqual(first);
        },
      ),
      RUNS,
    );
  });
});
