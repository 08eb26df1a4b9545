/**
 * E-mail notice schedule (docs/domain.md "Notices").
 *
 * A milestone is a day offset m = E − T at which a notice starts: renewal reminders are m ≥ 0
 * (30 and 10 by default), post-expiry notices are negative (−1 locked-out, −80 last chance).
 * Sorted descending, milestone m "owns" the days d with m_next < d ≤ m (m_next the next lower
 * milestone; the lowest one has no lower bound), cut to its phase: renewal milestones only while
 * d ≥ 0, post-expiry milestones only while d ≥ −selfServiceDaysAfterExpiry. On day d the single
 * milestone owning d is due unless already sent. Hence a day missed while the system was down is
 * caught up while it is still the latest milestone, an older one is skipped once a newer one is
 * due, and no renewal reminder is ever sent after expiry.
 */
import { assertIsoDate, daysBetween } from './jst-date';
import { LifecyclePolicy, resolveLifecyclePolicy } from './lifecycle';

/** The seed's schedule: renewal reminders 30 and 10 days before expiry. */
export const DEFAULT_NOTICE_MILESTONES: readonly number[] = Object.freeze([
  30, 10,
]);

/**
 * Every notice kind (libs/notice-templates describes each): the e-mails of the schedule's milestones,
 * the 重要なお知らせ shown inside IB while renewal is due, and the mail sent when a reissue is approved.
 */
export const NOTICE_KINDS = Object.freeze([
  'renewal_reminder',
  'important_notice_renewal',
  'locked_out',
  'last_chance',
  'reissue_ready',
] as const);
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** The kinds a schedule milestone's e-mail uses ({@link noticeKindForMilestone}). */
export const MILESTONE_NOTICE_KINDS = Object.freeze([
  'renewal_reminder',
  'locked_out',
  'last_chance',
] as const);
export type MilestoneNoticeKind = (typeof MILESTONE_NOTICE_KINDS)[number];

/** `email`: plain text, never a link. `important_notice`: HTML inside IB (重要なお知らせ), may link. */
export const NOTICE_CHANNELS = Object.freeze([
  'email',
  'important_notice',
] as const);
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

/**
 * Where one outgoing notice stands. `given_up`: failed NOTICE_MAX_ATTEMPTS times in a row
 * (transient errors); resendable like `failed`.
 */
export const NOTICE_DELIVERY_STATUSES = Object.freeze([
  'pending',
  'sending',
  'sent',
  'failed',
  'given_up',
  'skipped',
  'cancelled',
] as const);
export type NoticeDeliveryStatus = (typeof NOTICE_DELIVERY_STATUSES)[number];

/** What staff read for each delivery status (送信履歴, its filter and the API's `statusLabel`). */
export const NOTICE_DELIVERY_STATUS_LABELS: Readonly<
  Record<NoticeDeliveryStatus, string>
> = Object.freeze({
  pending: '送信待ち',
  sending: '送信中',
  sent: '送信済み',
  failed: '送信失敗',
  given_up: '送信中止（再送できます）',
  skipped: '送信対象外',
  cancelled: '取消（送信不要）',
});

export interface DueNoticeInput {
  /** JST expiry date of the (current, unrenewed, unrevoked) certificate. */
  expiryDate: string;
  /** Milestones already sent for this certificate. */
  sentMilestones: readonly number[];
}

/**
 * Japanese error messages for a milestone list; empty when it is usable. An empty list is allowed
 * (no e-mail notices). Checks: integers only, no duplicates, renewal milestones (≥ 0) not above the
 * renewal window, post-expiry milestones (< 0) not beyond the self-service limit.
 * @throws RangeError only when the policy itself is invalid.
 */
export function validateMilestones(
  milestones: readonly number[],
  policy?: Partial<LifecyclePolicy>,
): string[] {
  const { renewalWindowDays, selfServiceDaysAfterExpiry } =
    resolveLifecyclePolicy(policy);
  if (!Array.isArray(milestones)) {
    return ['通知日の一覧が正しくありません。'];
  }
  const errors: string[] = [];
  const seen = new Set<number>();
  const reportedDuplicates = new Set<number>();
  for (const m of milestones as readonly unknown[]) {
    if (typeof m !== 'number' || !Number.isSafeInteger(m)) {
      errors.push(
        `通知日「${String(m)}」は整数（有効期限日からの日数）で指定してください。`,
      );
      continue;
    }
    if (seen.has(m)) {
      if (!reportedDuplicates.has(m)) {
        reportedDuplicates.add(m);
        errors.push(`通知日「${describeMilestone(m)}」が重複しています。`);
      }
      continue;
    }
    seen.add(m);
    if (m > renewalWindowDays) {
      errors.push(
        `通知日「${describeMilestone(m)}」は更新期間（有効期限の${renewalWindowDays}日前から）より前のため指定できません。`,
      );
    } else if (m < -selfServiceDaysAfterExpiry) {
      errors.push(
        `通知日「${describeMilestone(m)}」は電子証明書の取得期限（有効期限日から${selfServiceDaysAfterExpiry}日後まで）を過ぎているため指定できません。`,
      );
    }
  }
  return errors;
}

/** `30` → `有効期限の30日前`, `0` → `有効期限日当日`, `-1` → `有効期限の1日後`. */
export function describeMilestone(m: number): string {
  if (m === 0) {
    return '有効期限日当日';
  }
  return m > 0 ? `有効期限の${m}日前` : `有効期限の${-m}日後`;
}

/**
 * The milestone whose window contains `daysToExpiry` (d = E − T), ignoring what was sent; null when
 * none does (before the first milestone, a renewal milestone's day after expiry, or past the
 * self-service limit). `milestones` must already be valid.
 */
export function milestoneForDay(
  daysToExpiry: number,
  milestones: readonly number[],
  policy?: Partial<LifecyclePolicy>,
): number | null {
  const { selfServiceDaysAfterExpiry } = resolveLifecyclePolicy(policy);
  // The latest milestone reached: the smallest m with d ≤ m. The next lower one is then < d.
  let latest: number | null = null;
  for (const m of milestones) {
    if (daysToExpiry <= m && (latest === null || m < latest)) {
      latest = m;
    }
  }
  if (latest === null) {
    return null;
  }
  const inPhase =
    latest >= 0
      ? daysToExpiry >= 0
      : daysToExpiry >= -selfServiceDaysAfterExpiry;
  return inPhase ? latest : null;
}

/**
 * The milestone to send today for one certificate, or null. At most one is ever returned; the caller
 * records it as sent (uniquely per certificate and milestone) and must not call this for a certificate
 * that was renewed, revoked or superseded.
 * @throws RangeError on invalid dates, an invalid policy or invalid milestones (see {@link validateMilestones}).
 */
export function dueNotice(
  input: DueNoticeInput,
  today: string,
  milestones: readonly number[] = DEFAULT_NOTICE_MILESTONES,
  policy?: Partial<LifecyclePolicy>,
): number | null {
  const errors = validateMilestones(milestones, policy);
  if (errors.length > 0) {
    throw new RangeError(`Invalid notice milestones: ${errors.join(' ')}`);
  }
  assertIsoDate(input.expiryDate, 'expiryDate');
  assertIsoDate(today, 'today');
  const due = milestoneForDay(
    daysBetween(today, input.expiryDate),
    milestones,
    policy,
  );
  return due === null || input.sentMilestones.includes(due) ? null : due;
}

/**
 * Which template a milestone's e-mail uses.
 * - m ≥ 0: `renewal_reminder`.
 * - m < 0 with the schedule given: the highest negative milestone of the schedule is the first mail
 *   after expiry, `locked_out` (how to acquire from the logon screen); every lower one is `last_chance`.
 * - m < 0 without a schedule: −1 is `locked_out`, −2 and below `last_chance` (as for [30, 10, −1, −80]).
 * @throws RangeError when `m` is not an integer.
 */
export function noticeKindForMilestone(
  m: number,
  milestones?: readonly number[],
): MilestoneNoticeKind {
  if (typeof m !== 'number' || !Number.isSafeInteger(m)) {
    throw new RangeError(
      `A notice milestone must be an integer, got ${String(m)}`,
    );
  }
  if (m >= 0) {
    return 'renewal_reminder';
  }
  const negatives = (milestones ?? [-1]).filter((x) => x < 0);
  const highestNegative = Math.max(m, ...negatives);
  return m === highestNegative ? 'locked_out' : 'last_chance';
}
