import {
  DEFAULT_NOTICE_MILESTONES,
  describeMilestone,
  milestoneForDay,
  noticeKindForMilestone,
  validateMilestones,
} from './notices';

const FULL = [30, 10, -1, -80];

describe('milestoneForDay', () => {
  it.each([
    [31, null],
    [30, 30],
    [11, 30],
    [10, 10],
    [0, 10],
    [-1, -1],
    [-79, -1],
    [-80, -80],
    [-90, -80],
    [-91, null],
  ])('d = %i → %p', (d, expected) => {
    expect(milestoneForDay(d, FULL)).toBe(expected);
  });

  it('cuts renewal milestones at expiry and post-expiry ones at the limit', () => {
    expect(milestoneForDay(-1, [30, 10])).toBeNull();
    expect(milestoneForDay(-50, [30, 10, -80])).toBeNull();
    expect(
      milestoneForDay(-85, [-1, -80], { selfServiceDaysAfterExpiry: 80 }),
    ).toBeNull();
    expect(milestoneForDay(-100, [-1])).toBeNull();
    expect(milestoneForDay(-90, [-1])).toBe(-1);
    expect(milestoneForDay(5, [])).toBeNull();
  });
});

describe('validateMilestones', () => {
  it('accepts the seed schedule, the full one and an empty list', () => {
    expect(DEFAULT_NOTICE_MILESTONES).toEqual([30, 10]);
    expect(validateMilestones(DEFAULT_NOTICE_MILESTONES)).toEqual([]);
    expect(validateMilestones(FULL)).toEqual([]);
    expect(validateMilestones([])).toEqual([]);
    expect(validateMilestones([30, 0, -90])).toEqual([]);
    expect(
      validateMilestones([45, -180], {
        renewalWindowDays: 45,
        selfServiceDaysAfterExpiry: 180,
      }),
    ).toEqual([]);
  });

  it('reports each problem in Japanese', () => {
    expect(validateMilestones([10, 10, 10])).toEqual([
      '通知日「有効期限の10日前」が重複しています。',
    ]);
    expect(validateMilestones([31])).toEqual([
      '通知日「有効期限の31日前」は更新期間（有効期限の30日前から）より前のため指定できません。',
    ]);
    expect(validateMilestones([-91])).toEqual([
      '通知日「有効期限の91日後」は電子証明書の取得期限（有効期限日から90日後まで）を過ぎているため指定できません。',
    ]);
    expect(
      validateMilestones([-81], { selfServiceDaysAfterExpiry: 80 }),
    ).toHaveLength(1);
    expect(validateMilestones([46], { renewalWindowDays: 45 })).toEqual([
      '通知日「有効期限の46日前」は更新期間（有効期限の45日前から）より前のため指定できません。',
    ]);
    expect(
      validateMilestones([1.5, Number.NaN, Number.POSITIVE_INFINITY]),
    ).toEqual([
      '通知日「1.5」は整数（有効期限日からの日数）で指定してください。',
      '通知日「NaN」は整数（有効期限日からの日数）で指定してください。',
      '通知日「Infinity」は整数（有効期限日からの日数）で指定してください。',
    ]);
    expect(validateMilestones(['30'] as unknown as number[])).toHaveLength(1);
    expect(validateMilestones('30' as unknown as number[])).toEqual([
      '通知日の一覧が正しくありません。',
    ]);
  });

  it('reports several problems at once', () => {
    expect(validateMilestones([60, 30, 30, -100, 2.5])).toHaveLength(4);
  });

  it('throws on an invalid policy', () => {
    expect(() =>
      validateMilestones([30], { selfServiceDaysAfterExpiry: -5 }),
    ).toThrow(RangeError);
  });
});

describe('noticeKindForMilestone', () => {
  it.each([
    [30, undefined, 'renewal_reminder'],
    [10, undefined, 'renewal_reminder'],
    [0, undefined, 'renewal_reminder'],
    [-1, undefined, 'locked_out'],
    [-2, undefined, 'last_chance'],
    [-80, undefined, 'last_chance'],
    [-1, FULL, 'locked_out'],
    [-80, FULL, 'last_chance'],
    [30, FULL, 'renewal_reminder'],
    [-3, [30, 10, -3, -80], 'locked_out'],
    [-80, [30, 10, -3, -80], 'last_chance'],
    [-80, [30, 10, -80], 'locked_out'],
    [-5, [30, 10, -1, -5, -80], 'last_chance'],
  ] as const)('%i with schedule %p → %s', (m, milestones, expected) => {
    expect(noticeKindForMilestone(m, milestones)).toBe(expected);
  });

  it('rejects non-integers', () => {
    expect(() => noticeKindForMilestone(1.5)).toThrow(RangeError);
    expect(() => noticeKindForMilestone(Number.NaN)).toThrow(RangeError);
  });
});

describe('describeMilestone', () => {
  it.each([
    [30, '有効期限の30日前'],
    [1, '有効期限の1日前'],
    [0, '有効期限日当日'],
    [-1, '有効期限の1日後'],
    [-80, '有効期限の80日後'],
  ])('%i → %s', (m, expected) => {
    expect(describeMilestone(m)).toBe(expected);
  });
});
