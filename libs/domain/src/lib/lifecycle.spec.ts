import { addDays } from './jst-date';
import {
  canAcquire,
  canRenew,
  DEFAULT_LIFECYCLE_POLICY,
  LIFECYCLE_STATUS_LABELS,
  LIFECYCLE_STATUSES,
  LifecycleInput,
  LifecyclePolicy,
  lifecycleStatus,
  lifecycleStatusLabel,
  LifecycleStatus,
  renewalWindowStart,
  resolveLifecyclePolicy,
  selfServiceDeadline,
} from './lifecycle';

const E = '2026-12-25';
/** Today = E + offset, i.e. d = −offset. */
const on = (offset: number) => addDays(E, offset);

// [label, today offset from E, date-derived status with the default policy]
const BOUNDARY_DAYS: ReadonlyArray<[string, number, LifecycleStatus]> = [
  ['E−31', -31, 'valid'],
  ['E−30', -30, 'renewal_due'],
  ['E−11', -11, 'renewal_due'],
  ['E−10', -10, 'renewal_due'],
  ['E−1', -1, 'renewal_due'],
  ['E', 0, 'renewal_due'],
  ['E+1', 1, 'expired'],
  ['E+89', 89, 'expired'],
  ['E+90', 90, 'expired'],
  ['E+91', 91, 'reissue_required'],
];

// [label, input (expiryDate filled with E unless null), status that overrides the dates, or null]
const VARIANTS: ReadonlyArray<
  [
    string,
    Omit<LifecycleInput, 'expiryDate'> & { noCertificate?: true },
    LifecycleStatus | null,
  ]
> = [
  ['current certificate', {}, null],
  ['revoked: false, reissue: null', { revoked: false, reissue: null }, null],
  ['revoked', { revoked: true }, 'revoked'],
  ['reissue pending', { reissue: 'pending' }, 'reissue_pending'],
  ['reissue authorized', { reissue: 'authorized' }, 'reissue_authorized'],
  [
    'revoked + reissue pending',
    { revoked: true, reissue: 'pending' },
    'reissue_pending',
  ],
  [
    'revoked + reissue authorized',
    { revoked: true, reissue: 'authorized' },
    'reissue_authorized',
  ],
  ['no certificate', { noCertificate: true }, 'not_issued'],
  [
    'no certificate + revoked',
    { noCertificate: true, revoked: true },
    'revoked',
  ],
  [
    'no certificate + reissue pending',
    { noCertificate: true, reissue: 'pending' },
    'reissue_pending',
  ],
  [
    'no certificate + reissue authorized',
    { noCertificate: true, reissue: 'authorized' },
    'reissue_authorized',
  ],
];

const TABLE = BOUNDARY_DAYS.flatMap(([day, offset, dateStatus]) =>
  VARIANTS.map(([variant, { noCertificate, ...rest }, override]) => ({
    day,
    offset,
    variant,
    input: { ...rest, expiryDate: noCertificate ? null : E } as LifecycleInput,
    expected: override ?? dateStatus,
  })),
);

describe('lifecycleStatus', () => {
  it.each(TABLE)(
    '$day, $variant → $expected',
    ({ offset, input, expected }) => {
      expect(lifecycleStatus(input, on(offset))).toBe(expected);
    },
  );

  it('is the same with an explicit default policy, an empty one and one with undefined fields', () => {
    for (const { offset, input, expected } of TABLE) {
      expect(lifecycleStatus(input, on(offset), DEFAULT_LIFECYCLE_POLICY)).toBe(
        expected,
      );
      expect(lifecycleStatus(input, on(offset), {})).toBe(expected);
      expect(
        lifecycleStatus(input, on(offset), { renewalWindowDays: undefined }),
      ).toBe(expected);
    }
  });

  it('counts JST calendar days across month and leap-year boundaries', () => {
    expect(lifecycleStatus({ expiryDate: '2028-03-30' }, '2028-02-29')).toBe(
      'renewal_due',
    ); // d = 30
    expect(lifecycleStatus({ expiryDate: '2028-03-31' }, '2028-02-29')).toBe(
      'valid',
    ); // d = 31
    expect(lifecycleStatus({ expiryDate: '2027-10-02' }, '2027-12-31')).toBe(
      'expired',
    ); // d = −90
    expect(lifecycleStatus({ expiryDate: '2027-10-01' }, '2027-12-31')).toBe(
      'reissue_required',
    ); // d = −91
  });

  // [policy, today offset, expected]
  it.each<[Partial<LifecyclePolicy>, number, LifecycleStatus]>([
    [{ renewalWindowDays: 45 }, -46, 'valid'],
    [{ renewalWindowDays: 45 }, -45, 'renewal_due'],
    [{ renewalWindowDays: 45 }, 0, 'renewal_due'],
    [{ renewalWindowDays: 45 }, 1, 'expired'],
    [{ renewalWindowDays: 0 }, -1, 'valid'],
    [{ renewalWindowDays: 0 }, 0, 'renewal_due'],
    [{ selfServiceDaysAfterExpiry: 80 }, 80, 'expired'],
    [{ selfServiceDaysAfterExpiry: 80 }, 81, 'reissue_required'],
    [{ selfServiceDaysAfterExpiry: 80 }, 90, 'reissue_required'],
    [{ selfServiceDaysAfterExpiry: 180 }, 91, 'expired'],
    [{ selfServiceDaysAfterExpiry: 180 }, 180, 'expired'],
    [{ selfServiceDaysAfterExpiry: 180 }, 181, 'reissue_required'],
    [{ selfServiceDaysAfterExpiry: 0 }, 0, 'renewal_due'],
    [{ selfServiceDaysAfterExpiry: 0 }, 1, 'reissue_required'],
    [
      { renewalWindowDays: 45, selfServiceDaysAfterExpiry: 180 },
      -31,
      'renewal_due',
    ],
  ])('policy %o, E%+d → %s', (policy, offset, expected) => {
    expect(lifecycleStatus({ expiryDate: E }, on(offset), policy)).toBe(
      expected,
    );
  });

  it.each([
    [{ expiryDate: '2026-02-30' }, E, /expiryDate/],
    [{ expiryDate: '' }, E, /expiryDate/],
    [{ expiryDate: E }, '2026-13-01', /today/],
    [{ expiryDate: E }, '2026/12/25', /today/],
    [{ expiryDate: null, reissue: 'pending' as const }, 'yesterday', /today/],
    [{ expiryDate: 'garbage', revoked: true }, E, /expiryDate/],
  ])(
    'rejects invalid dates (%o on %s), whatever status would win',
    (input, today, message) => {
      expect(() => lifecycleStatus(input, today)).toThrow(RangeError);
      expect(() => lifecycleStatus(input, today)).toThrow(message);
    },
  );
});

describe('resolveLifecyclePolicy', () => {
  it('fills in the defaults 30 / 90', () => {
    expect(DEFAULT_LIFECYCLE_POLICY).toEqual({
      renewalWindowDays: 30,
      selfServiceDaysAfterExpiry: 90,
    });
    expect(resolveLifecyclePolicy()).toEqual(DEFAULT_LIFECYCLE_POLICY);
    expect(resolveLifecyclePolicy({ selfServiceDaysAfterExpiry: 80 })).toEqual({
      renewalWindowDays: 30,
      selfServiceDaysAfterExpiry: 80,
    });
    expect(Object.isFrozen(DEFAULT_LIFECYCLE_POLICY)).toBe(true);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '30', null])(
    'rejects %p',
    (bad) => {
      const policy = {
        renewalWindowDays: bad,
      } as unknown as Partial<LifecyclePolicy>;
      expect(() => resolveLifecyclePolicy(policy)).toThrow(
        /renewalWindowDays must be a non-negative integer/,
      );
      expect(() => lifecycleStatus({ expiryDate: E }, E, policy)).toThrow(
        RangeError,
      );
      const other = {
        selfServiceDaysAfterExpiry: bad,
      } as unknown as Partial<LifecyclePolicy>;
      expect(() => canAcquire({ expiryDate: E }, E, other)).toThrow(
        /selfServiceDaysAfterExpiry/,
      );
    },
  );
});

describe('canRenew / canAcquire', () => {
  it.each(TABLE)(
    '$day, $variant: renew iff renewal_due; acquire iff not_issued, expired or reissue_authorized',
    ({ offset, input, expected }) => {
      expect(canRenew(input, on(offset))).toBe(expected === 'renewal_due');
      expect(canAcquire(input, on(offset))).toBe(
        ['not_issued', 'expired', 'reissue_authorized'].includes(expected),
      );
    },
  );

  it('renewal runs E−window … E inclusive and acquisition through E+selfService', () => {
    const policy = { renewalWindowDays: 45, selfServiceDaysAfterExpiry: 80 };
    const input = { expiryDate: E };
    expect([-46, -45, 0, 1].map((o) => canRenew(input, on(o), policy))).toEqual(
      [false, true, true, false],
    );
    expect([0, 1, 80, 81].map((o) => canAcquire(input, on(o), policy))).toEqual(
      [false, true, true, false],
    );
  });

  it('refuses renewal of a revoked certificate and while a reissue is open', () => {
    expect(canRenew({ expiryDate: E, revoked: true }, E)).toBe(false);
    expect(canRenew({ expiryDate: E, reissue: 'pending' }, E)).toBe(false);
    expect(canRenew({ expiryDate: E, reissue: 'authorized' }, E)).toBe(false);
  });
});

describe('deadlines', () => {
  it('selfServiceDeadline is E + selfService', () => {
    expect(selfServiceDeadline(E)).toBe('2027-03-25');
    expect(selfServiceDeadline(E, { selfServiceDaysAfterExpiry: 80 })).toBe(
      '2027-03-15',
    );
    expect(selfServiceDeadline(E, { selfServiceDaysAfterExpiry: 180 })).toBe(
      '2027-06-23',
    );
    expect(lifecycleStatus({ expiryDate: E }, selfServiceDeadline(E))).toBe(
      'expired',
    );
    expect(
      lifecycleStatus({ expiryDate: E }, addDays(selfServiceDeadline(E), 1)),
    ).toBe('reissue_required');
    expect(() => selfServiceDeadline('2026-02-30')).toThrow(RangeError);
    expect(() =>
      selfServiceDeadline(E, { selfServiceDaysAfterExpiry: -1 }),
    ).toThrow(RangeError);
  });

  it('renewalWindowStart is E − window', () => {
    expect(renewalWindowStart(E)).toBe('2026-11-25');
    expect(renewalWindowStart(E, { renewalWindowDays: 45 })).toBe('2026-11-10');
    expect(lifecycleStatus({ expiryDate: E }, renewalWindowStart(E))).toBe(
      'renewal_due',
    );
    expect(
      lifecycleStatus({ expiryDate: E }, addDays(renewalWindowStart(E), -1)),
    ).toBe('valid');
  });
});

describe('statuses and labels', () => {
  it('lists every status once, each with its Japanese label', () => {
    expect(LIFECYCLE_STATUSES).toHaveLength(8);
    expect(new Set(LIFECYCLE_STATUSES).size).toBe(8);
    expect(Object.keys(LIFECYCLE_STATUS_LABELS).sort()).toEqual(
      [...LIFECYCLE_STATUSES].sort(),
    );
    expect(LIFECYCLE_STATUS_LABELS).toEqual({
      valid: '有効',
      renewal_due: '更新期間中',
      expired: '期限切れ（ログオン不可）',
      reissue_required: '再発行が必要（90日超過）',
      revoked: '失効',
      reissue_pending: '再発行承認待ち',
      reissue_authorized: '再発行済（取得待ち）',
      not_issued: '未取得',
    });
    expect(Object.isFrozen(LIFECYCLE_STATUSES)).toBe(true);
  });

  it('lifecycleStatusLabel names the credit union’s own limit', () => {
    expect(lifecycleStatusLabel('reissue_required')).toBe(
      '再発行が必要（90日超過）',
    );
    expect(
      lifecycleStatusLabel('reissue_required', {
        selfServiceDaysAfterExpiry: 180,
      }),
    ).toBe('再発行が必要（180日超過）');
    for (const status of LIFECYCLE_STATUSES.filter(
      (s) => s !== 'reissue_required',
    )) {
      expect(
        lifecycleStatusLabel(status, { selfServiceDaysAfterExpiry: 80 }),
      ).toBe(LIFECYCLE_STATUS_LABELS[status]);
    }
  });
});
