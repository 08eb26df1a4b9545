import fc from 'fast-check';
import { RUNS, modelDate } from '../testing/date-model';
import { LifecyclePolicy } from './lifecycle';
import { dueNotice, validateMilestones } from './notices';

/** The milestone whose window contains d (E − T), by the rule as written in docs/domain.md / notices.ts. */
function owner(
  d: number,
  milestones: number[],
  policy: LifecyclePolicy,
): number | null {
  const sorted = [...milestones].sort((a, b) => b - a);
  for (let i = 0; i < sorted.length; i++) {
    const m = sorted[i];
    const lower =
      i + 1 < sorted.length ? sorted[i + 1] : Number.NEGATIVE_INFINITY;
    const phaseOpen = m >= 0 ? d >= 0 : d >= -policy.selfServiceDaysAfterExpiry;
    if (d <= m && d > lower && phaseOpen) {
      return m;
    }
  }
  return null;
}

const scenario = fc
  .record({
    renewalWindowDays: fc.integer({ min: 0, max: 60 }),
    selfServiceDaysAfterExpiry: fc.integer({ min: 0, max: 200 }),
  })
  .chain((policy) =>
    fc.record({
      policy: fc.constant(policy),
      milestones: fc.uniqueArray(
        fc.oneof(
          fc
            .constantFrom(30, 10, 0, -1, -80)
            .filter(
              (m) =>
                m <= policy.renewalWindowDays &&
                m >= -policy.selfServiceDaysAfterExpiry,
            ),
          fc.integer({
            min: -policy.selfServiceDaysAfterExpiry,
            max: policy.renewalWindowDays,
          }),
        ),
        { maxLength: 6 },
      ),
      expiryDay: fc.integer({ min: 11_000, max: 60_000 }),
      // The first day the system is up, as an offset T − E.
      firstUp: fc.integer({
        min: -(policy.renewalWindowDays + 20),
        max: policy.selfServiceDaysAfterExpiry + 5,
      }),
      // Down periods: [start offset T − E, length in days].
      downtime: fc.array(
        fc.tuple(
          fc.integer({
            min: -(policy.renewalWindowDays + 20),
            max: policy.selfServiceDaysAfterExpiry + 5,
          }),
          fc.integer({ min: 1, max: 60 }),
        ),
        { maxLength: 4 },
      ),
      // Days on which the job runs twice (a restart, a manual run, a second replica).
      reruns: fc.uniqueArray(fc.integer({ min: -80, max: 220 }), {
        maxLength: 20,
      }),
    }),
  );

/** A plain assertion: jest's expect() is too slow for millions of checks. */
function check(condition: boolean, message: () => string): void {
  if (!condition) {
    throw new Error(message());
  }
}

describe('dueNotice properties', () => {
  it('a day-by-day simulation with downtime sends each due milestone exactly when the rules say', () => {
    fc.assert(
      fc.property(
        scenario,
        ({ policy, milestones, expiryDay, firstUp, downtime, reruns }) => {
          expect(validateMilestones(milestones, policy)).toEqual([]);
          const expiryDate = modelDate(expiryDay);
          const isDown = (offset: number) =>
            downtime.some(
              ([start, length]) => offset >= start && offset < start + length,
            );
          const sent: number[] = [];
          const lastDay = policy.selfServiceDaysAfterExpiry + 10;

          for (let offset = firstUp; offset <= lastDay; offset++) {
            if (isDown(offset)) {
              continue;
            }
            const d = -offset;
            const today = modelDate(expiryDay + offset);
            const sentBefore = [...sent];
            const runs = reruns.includes(offset) ? 2 : 1;
            const sentToday: number[] = [];
            for (let run = 0; run < runs; run++) {
              const due = dueNotice(
                { expiryDate, sentMilestones: sent },
                today,
                milestones,
                policy,
              );
              if (due !== null) {
                sent.push(due);
                sentToday.push(due);
              }
            }

            // At most one notice per certificate per day, whatever the number of runs.
            const where = () =>
              `d=${d} sent before ${JSON.stringify(sentBefore)} today ${JSON.stringify(sentToday)}`;
            check(
              sentToday.length <= 1,
              () => `more than one notice on one day: ${where()}`,
            );
            const expected = owner(d, milestones, policy);
            if (sentToday.length === 1) {
              const m = sentToday[0];
              check(
                milestones.includes(m),
                () => `not a milestone: ${where()}`,
              );
              check(!sentBefore.includes(m), () => `sent twice: ${where()}`);
              check(d <= m, () => `sent before its day: ${where()}`);
              check(
                m < 0 || d >= 0,
                () => `renewal reminder after expiry: ${where()}`,
              );
              check(
                m >= 0 || d >= -policy.selfServiceDaysAfterExpiry,
                () => `sent past the limit: ${where()}`,
              );
              check(
                m === expected,
                () =>
                  `not the milestone whose window contains d (${expected}): ${where()}`,
              );
            }
            // Liveness: the milestone whose window contains today is sent unless it already was.
            if (expected !== null && !sentBefore.includes(expected)) {
              check(
                sentToday.length === 1 && sentToday[0] === expected,
                () => `${expected} not sent: ${where()}`,
              );
            }
          }
          expect(new Set(sent).size).toBe(sent.length);
        },
      ),
      RUNS,
    );
  });

  it('with no downtime from before the first milestone, every milestone is sent exactly on its day', () => {
    fc.assert(
      fc.property(scenario, ({ policy, milestones, expiryDay }) => {
        const expiryDate = modelDate(expiryDay);
        const log: Array<[number, number]> = [];
        const sent: number[] = [];
        for (
          let offset = -(policy.renewalWindowDays + 1);
          offset <= policy.selfServiceDaysAfterExpiry + 5;
          offset++
        ) {
          const due = dueNotice(
            { expiryDate, sentMilestones: sent },
            modelDate(expiryDay + offset),
            milestones,
            policy,
          );
          if (due !== null) {
            sent.push(due);
            log.push([0 - offset, due]);
          }
        }
        const expected = [...milestones]
          .sort((a, b) => b - a)
          .map((m): [number, number] => [m, m]);
        expect(log).toEqual(expected);
      }),
      RUNS,
    );
  });
});
