import { addDays } from './jst-date';
import { DEFAULT_NOTICE_MILESTONES, dueNotice } from './notices';

const E = '2026-12-25';
const on = (offset: number) => addDays(E, offset);
const FULL = [30, 10, -1, -80];

// Today offsets from E: the boundary days, plus E+79 / E+80 for the −80 milestone.
const DAYS = [-31, -30, -11, -10, -1, 0, 1, 79, 80, 89, 90, 91] as const;
type Row = [sent: number[], ...due: (number | null)[]];
const label = (offset: number) =>
  offset === 0 ? 'E' : `E${offset > 0 ? '+' : '−'}${Math.abs(offset)}`;

function table(milestones: number[] | undefined, rows: Row[]) {
  return rows.flatMap(([sent, ...due]) =>
    DAYS.map((offset, i) => ({
      milestones,
      sent,
      day: label(offset),
      offset,
      expected: due[i],
    })),
  );
}

// Columns: sent milestones, then the due notice on
//   E−31  E−30  E−11  E−10  E−1   E     E+1   E+79  E+80  E+89  E+90  E+91
// prettier-ignore
const DEFAULT_TABLE = table(undefined, [
  [[],
    null, 30,   30,   10,   10,   10,   null, null, null, null, null, null],
  [[30],
    null, null, null, 10,   10,   10,   null, null, null, null, null, null],
  [[10],
    null, 30,   30,   null, null, null, null, null, null, null, null, null],
  [[30, 10],
    null, null, null, null, null, null, null, null, null, null, null, null],
]);
// prettier-ignore
const FULL_TABLE = table(FULL, [
  [[],
    null, 30,   30,   10,   10,   10,   -1,   -1,   -80,  -80,  -80,  null],
  [[30],
    null, null, null, 10,   10,   10,   -1,   -1,   -80,  -80,  -80,  null],
  [[30, 10],
    null, null, null, null, null, null, -1,   -1,   -80,  -80,  -80,  null],
  [[30, 10, -1],
    null, null, null, null, null, null, null, null, -80,  -80,  -80,  null],
  [[-1],
    null, 30,   30,   10,   10,   10,   null, null, -80,  -80,  -80,  null],
  [[-80],
    null, 30,   30,   10,   10,   10,   -1,   -1,   null, null, null, null],
  [FULL,
    null, null, null, null, null, null, null, null, null, null, null, null],
]);

describe('dueNotice', () => {
  it.each(DEFAULT_TABLE)(
    'default milestones, sent $sent, $day → $expected',
    ({ sent, offset, expected }) => {
      expect(
        dueNotice({ expiryDate: E, sentMilestones: sent }, on(offset)),
      ).toBe(expected);
      expect(
        dueNotice({ expiryDate: E, sentMilestones: sent }, on(offset), [
          ...DEFAULT_NOTICE_MILESTONES,
        ]),
      ).toBe(expected);
    },
  );

  it.each(FULL_TABLE)(
    '[30, 10, −1, −80], sent $sent, $day → $expected',
    ({ sent, offset, expected }) => {
      expect(
        dueNotice({ expiryDate: E, sentMilestones: sent }, on(offset), FULL),
      ).toBe(expected);
      // Order of the configured list does not matter.
      expect(
        dueNotice(
          { expiryDate: E, sentMilestones: sent },
          on(offset),
          [-80, 10, -1, 30],
        ),
      ).toBe(expected);
    },
  );

  /** Runs the daily job on the given days (offsets from E), recording what is sent. */
  function run(
    days: number[],
    milestones?: number[],
    policy?: Parameters<typeof dueNotice>[3],
  ) {
    const sent: number[] = [];
    const log: Array<[number, number]> = [];
    for (const offset of days) {
      const due = dueNotice(
        { expiryDate: E, sentMilestones: sent },
        on(offset),
        milestones,
        policy,
      );
      if (due !== null) {
        sent.push(due);
        log.push([offset, due]);
      }
    }
    return log;
  }
  const range = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => from + i);

  it('sends each milestone once on its day when the system is always up', () => {
    expect(run(range(-60, 120))).toEqual([
      [-30, 30],
      [-10, 10],
    ]);
    expect(run(range(-60, 120), FULL)).toEqual([
      [-30, 30],
      [-10, 10],
      [1, -1],
      [80, -80],
    ]);
  });

  it('catches up a missed milestone while it is still the latest one due', () => {
    // Down from E−30 through E−12: the 30-day mail goes out at E−11, the 10-day one on time.
    expect(run([-31, ...range(-11, 5)])).toEqual([
      [-11, 30],
      [-10, 10],
    ]);
    // Down over E+1: the locked-out mail goes out on the first day up.
    expect(run([-1, 0, 40, 41], FULL)).toEqual([
      [-1, 10],
      [40, -1],
    ]);
  });

  it('skips the older milestone once a newer one is due (never 30 and 10 on the same day)', () => {
    expect(run([-31, ...range(-10, 5)])).toEqual([[-10, 10]]);
    expect(run([-31, -5, -5, -4])).toEqual([[-5, 10]]);
    expect(run([-31, 85, 86], FULL)).toEqual([[85, -80]]);
  });

  it('sends nothing once the phase is over', () => {
    // Down from E−30 through E: no renewal reminder after expiry.
    expect(run(range(1, 200))).toEqual([]);
    expect(run(range(91, 200), FULL)).toEqual([]);
    expect(run([-40, 95], FULL)).toEqual([]);
  });

  it('honours custom policies', () => {
    const window45 = { renewalWindowDays: 45 };
    expect(run(range(-60, 10), [45, 30, 10], window45)).toEqual([
      [-45, 45],
      [-30, 30],
      [-10, 10],
    ]);
    const limit80 = { selfServiceDaysAfterExpiry: 80 };
    expect(run(range(-60, 120), [30, 10, -1, -80], limit80)).toEqual([
      [-30, 30],
      [-10, 10],
      [1, -1],
      [80, -80],
    ]);
    expect(run([-31, 81], [-1, -80], limit80)).toEqual([]);
    const limit180 = { selfServiceDaysAfterExpiry: 180 };
    expect(run([-31, 0, 1, 175, 181], [30, 10, -1, -170], limit180)).toEqual([
      [0, 10],
      [1, -1],
      [175, -170],
    ]);
    expect(run([-31, 181], [30, 10, -1, -170], limit180)).toEqual([]);
    // With only post-expiry milestones nothing is sent before expiry.
    expect(run(range(-40, 2), [-1])).toEqual([[1, -1]]);
    // A reminder on the expiry day itself.
    expect(run(range(-5, 5), [0])).toEqual([[0, 0]]);
    expect(run(range(-5, 5), [])).toEqual([]);
  });

  it.each([
    [[30, 30], /重複/],
    [[31], /更新期間/],
    [[-91], /取得期限/],
    [[10.5], /整数/],
  ])('rejects invalid milestones %p', (milestones, message) => {
    expect(() =>
      dueNotice({ expiryDate: E, sentMilestones: [] }, E, milestones),
    ).toThrow(RangeError);
    expect(() =>
      dueNotice({ expiryDate: E, sentMilestones: [] }, E, milestones),
    ).toThrow(message);
  });

  it('checks milestones against the given policy', () => {
    expect(
      dueNotice({ expiryDate: E, sentMilestones: [] }, on(-40), [45], {
        renewalWindowDays: 45,
      }),
    ).toBe(45);
    expect(() =>
      dueNotice({ expiryDate: E, sentMilestones: [] }, E, [-1, -85], {
        selfServiceDaysAfterExpiry: 80,
      }),
    ).toThrow(RangeError);
    expect(() =>
      dueNotice({ expiryDate: E, sentMilestones: [] }, E, [30], {
        renewalWindowDays: -1,
      }),
    ).toThrow(/renewalWindowDays/);
  });

  it('rejects invalid dates', () => {
    expect(() =>
      dueNotice({ expiryDate: '2026-02-30', sentMilestones: [] }, E),
    ).toThrow(/expiryDate/);
    expect(() =>
      dueNotice({ expiryDate: E, sentMilestones: [] }, '2026-12-32'),
    ).toThrow(/today/);
  });
});
