/**
 * Certificate lifecycle status of one IB user (docs/domain.md "Certificate lifecycle status").
 *
 * With E the expiry date and T today (both JST calendar dates) and d = E − T:
 *   valid             d > renewalWindowDays
 *   renewal_due       0 ≤ d ≤ renewalWindowDays           (renewal allowed E−window … E)
 *   expired           −selfServiceDaysAfterExpiry ≤ d ≤ −1 (acquisition allowed through E+selfService)
 *   reissue_required  d < −selfServiceDaysAfterExpiry
 * An open reissue (pending, then authorized) wins over revocation, which wins over "no
 * certificate yet", which wins over the date-derived statuses.
 */
import { addDays, assertIsoDate, daysBetween, IsoDate } from './jst-date';
import type { OpenReissueStatus } from './reissue';

export const LIFECYCLE_STATUSES = Object.freeze([
  'valid',
  'renewal_due',
  'expired',
  'reissue_required',
  'revoked',
  'reissue_pending',
  'reissue_authorized',
  'not_issued',
] as const);
export type LifecycleStatus = (typeof LIFECYCLE_STATUSES)[number];

/** Per-credit-union settings. */
export interface LifecyclePolicy {
  /** Renewal opens this many days before the expiry date (default 30). */
  renewalWindowDays: number;
  /** Self-service acquisition stays open through E + this many days (default 90). */
  selfServiceDaysAfterExpiry: number;
}

export const DEFAULT_LIFECYCLE_POLICY: LifecyclePolicy = Object.freeze({
  renewalWindowDays: 30,
  selfServiceDaysAfterExpiry: 90,
});

/** What staff see on screen. */
export const LIFECYCLE_STATUS_LABELS: Record<LifecycleStatus, string> =
  Object.freeze({
    valid: '有効',
    renewal_due: '更新期間中',
    expired: '期限切れ（ログオン不可）',
    reissue_required: '再発行が必要（90日超過）',
    revoked: '失効',
    reissue_pending: '再発行承認待ち',
    reissue_authorized: '再発行済（取得待ち）',
    not_issued: '未取得',
  });

/**
 * The staff label of a status. `reissue_required` names the credit union's own self-service limit
 * (the fixed {@link LIFECYCLE_STATUS_LABELS} entry says 90日, the default).
 */
export function lifecycleStatusLabel(
  status: LifecycleStatus,
  policy?: Partial<LifecyclePolicy>,
): string {
  if (status === 'reissue_required') {
    return `再発行が必要（${resolveLifecyclePolicy(policy).selfServiceDaysAfterExpiry}日超過）`;
  }
  return LIFECYCLE_STATUS_LABELS[status];
}

/** The facts about an IB user's current certificate that the status depends on. */
export interface LifecycleInput {
  /** JST expiry date of the current certificate; null when none was ever issued. */
  expiryDate: string | null;
  /** The current certificate is revoked. */
  revoked?: boolean;
  /** State of an open reissue, if any. */
  reissue?: OpenReissueStatus | null;
}

function checkDays(value: unknown, name: keyof LifecyclePolicy): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(
      `Lifecycle policy ${name} must be a non-negative integer, got ${String(value)}`,
    );
  }
  return value;
}

/**
 * Fills in defaults for missing (undefined) fields and validates the numbers.
 * @throws RangeError when a field is not a non-negative integer (null included).
 */
export function resolveLifecyclePolicy(
  policy?: Partial<LifecyclePolicy>,
): LifecyclePolicy {
  const { renewalWindowDays, selfServiceDaysAfterExpiry } = policy ?? {};
  return {
    renewalWindowDays:
      renewalWindowDays === undefined
        ? DEFAULT_LIFECYCLE_POLICY.renewalWindowDays
        : checkDays(renewalWindowDays, 'renewalWindowDays'),
    selfServiceDaysAfterExpiry:
      selfServiceDaysAfterExpiry === undefined
        ? DEFAULT_LIFECYCLE_POLICY.selfServiceDaysAfterExpiry
        : checkDays(selfServiceDaysAfterExpiry, 'selfServiceDaysAfterExpiry'),
  };
}

/**
 * The status of an IB user's certificate on JST date `today`.
 * @throws RangeError on an invalid `today`, `expiryDate` or policy (always checked, whatever wins).
 */
export function lifecycleStatus(
  input: LifecycleInput,
  today: string,
  policy?: Partial<LifecyclePolicy>,
): LifecycleStatus {
  const { renewalWindowDays, selfServiceDaysAfterExpiry } =
    resolveLifecyclePolicy(policy);
  assertIsoDate(today, 'today');
  if (input.expiryDate !== null) {
    assertIsoDate(input.expiryDate, 'expiryDate');
  }
  if (input.reissue === 'pending') {
    return 'reissue_pending';
  }
  if (input.reissue === 'authorized') {
    return 'reissue_authorized';
  }
  if (input.revoked) {
    return 'revoked';
  }
  if (input.expiryDate === null) {
    return 'not_issued';
  }
  const d = daysBetween(today, input.expiryDate);
  if (d > renewalWindowDays) {
    return 'valid';
  }
  if (d >= 0) {
    return 'renewal_due';
  }
  if (d >= -selfServiceDaysAfterExpiry) {
    return 'expired';
  }
  return 'reissue_required';
}

/**
 * Renewal (from 重要なお知らせ) is allowed exactly when the status is `renewal_due`: E−window through
 * E inclusive, the certificate not revoked, and no reissue open (a reissue in progress means the
 * credit union is replacing this certificate, so the customer waits for it).
 */
export function canRenew(
  input: LifecycleInput,
  today: string,
  policy?: Partial<LifecyclePolicy>,
): boolean {
  return lifecycleStatus(input, today, policy) === 'renewal_due';
}

const ACQUIRABLE: ReadonlySet<LifecycleStatus> = new Set<LifecycleStatus>([
  'not_issued',
  'expired',
  'reissue_authorized',
]);

/** Self-service acquisition from the logon screen: `not_issued`, `expired` (through E+selfService) or `reissue_authorized`. */
export function canAcquire(
  input: LifecycleInput,
  today: string,
  policy?: Partial<LifecyclePolicy>,
): boolean {
  return ACQUIRABLE.has(lifecycleStatus(input, today, policy));
}

/** The last day self-service acquisition is allowed after expiry: E + selfServiceDaysAfterExpiry. */
export function selfServiceDeadline(
  expiryDate: IsoDate,
  policy?: Partial<LifecyclePolicy>,
): IsoDate {
  return addDays(
    expiryDate,
    resolveLifecyclePolicy(policy).selfServiceDaysAfterExpiry,
  );
}

/** The first day renewal is allowed: E − renewalWindowDays. */
export function renewalWindowStart(
  expiryDate: IsoDate,
  policy?: Partial<LifecyclePolicy>,
): IsoDate {
  return addDays(expiryDate, -resolveLifecyclePolicy(policy).renewalWindowDays);
}
