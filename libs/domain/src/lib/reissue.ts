import type { RevocationReason } from './certificate';
import { addDays, isIsoDate } from './jst-date';
import { LifecyclePolicy, resolveLifecyclePolicy } from './lifecycle';

/** Why a reissue (再発行処理) is requested. */
export const REISSUE_REASONS = Object.freeze([
  'past_limit',
  'lost_device',
  'key_compromise',
  'person_changed',
  'other',
] as const);
export type ReissueReason = (typeof REISSUE_REASONS)[number];
export const REISSUE_REASON_LABELS: Readonly<Record<ReissueReason, string>> =
  Object.freeze({
    past_limit: '有効期限から90日超過',
    lost_device: 'パソコンの紛失・故障',
    key_compromise: '秘密鍵の漏えいの疑い',
    person_changed: '担当者の変更',
    other: 'その他',
  });

/** The reason as staff read it; 有効期限から…日超過 names the credit union's own limit. */
export function reissueReasonLabel(
  reason: ReissueReason,
  policy?: Partial<LifecyclePolicy>,
): string {
  return reason === 'past_limit'
    ? `有効期限から${resolveLifecyclePolicy(policy).selfServiceDaysAfterExpiry}日超過`
    : REISSUE_REASON_LABELS[reason];
}

/**
 * pending → authorized (approved) → completed (acquired) | expired (not acquired in time);
 * pending → rejected | cancelled (by the requester).
 */
export const REISSUE_STATUSES = Object.freeze([
  'pending',
  'authorized',
  'completed',
  'expired',
  'rejected',
  'cancelled',
] as const);
export type ReissueStatus = (typeof REISSUE_STATUSES)[number];
export const REISSUE_STATUS_LABELS: Readonly<Record<ReissueStatus, string>> =
  Object.freeze({
    pending: '承認待ち',
    authorized: '承認済（取得待ち）',
    completed: '取得済',
    expired: '期限切れ（未取得）',
    rejected: '却下',
    cancelled: '取消',
  });
const OPEN = [
  'pending',
  'authorized',
] as const satisfies readonly ReissueStatus[];
/** The state of an open reissue, as an IB user's row mirrors it (`reissue_state`). */
export type OpenReissueStatus = (typeof OPEN)[number];
/** While a request is open, no other may be recorded for the same IB user. */
export const OPEN_REISSUE_STATUSES: readonly ReissueStatus[] =
  Object.freeze(OPEN);

/** RFC 5280 reason for the certificates revoked on approval. */
export function revocationReasonFor(
  reason: ReissueReason,
): Extract<
  RevocationReason,
  'keyCompromise' | 'superseded' | 'cessationOfOperation'
> {
  if (reason === 'key_compromise') return 'keyCompromise';
  if (reason === 'person_changed') return 'cessationOfOperation';
  return 'superseded';
}

export interface ReissueRequestInput {
  reason: ReissueReason;
  reasonText?: string | null;
  identityCheck: string;
  formReceivedOn: string;
}

/** Japanese reasons a request cannot be recorded as given, by field; empty when it can. */
export function validateReissueRequest(
  input: ReissueRequestInput,
  today: string,
): { field: string; reason: string }[] {
  const problems: { field: string; reason: string }[] = [];
  if (input.reason === 'other' && !input.reasonText?.trim()) {
    problems.push({
      field: 'reasonText',
      reason: '理由が「その他」のときは、具体的な理由を入力してください',
    });
  }
  if (!input.identityCheck.trim())
    problems.push({
      field: 'identityCheck',
      reason: '本人確認の方法を入力してください',
    });
  if (!isIsoDate(input.formReceivedOn)) {
    problems.push({
      field: 'formReceivedOn',
      reason:
        '依頼書の受付日を YYYY-MM-DD 形式の実在する日付で入力してください',
    });
  } else if (input.formReceivedOn > today) {
    problems.push({
      field: 'formReceivedOn',
      reason: '依頼書の受付日に未来の日付は指定できません',
    });
  }
  return problems;
}

/** Who may decide: a different staff member than the requester (dual control). */
export function mayDecideReissue(
  requesterId: string,
  deciderId: string,
): boolean {
  return requesterId !== deciderId;
}

/** Last day the customer may acquire after an approval on `approvedOn`. */
export function authorizationLastDay(approvedOn: string, days: number): string {
  if (!Number.isSafeInteger(days) || days < 1)
    throw new RangeError(
      `authorization days must be a positive integer, got ${days}`,
    );
  return addDays(approvedOn, days - 1);
}
