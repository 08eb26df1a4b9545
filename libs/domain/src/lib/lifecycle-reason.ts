import { daysBetween, formatJapaneseDate } from './jst-date';
import {
  LifecycleInput,
  LifecyclePolicy,
  LifecycleStatus,
  lifecycleStatus,
  resolveLifecyclePolicy,
} from './lifecycle';

/**
 * Why an IB user is in their status, and what to do, in the plain Japanese a branch
 * clerk can read out on the phone, e.g.
 * 「有効期限（2026年11月1日(日)）から30日経過。ログオン画面の「電子証明書取得」から再取得できます（あと60日）。」
 */
export function lifecycleReason(
  input: LifecycleInput,
  today: string,
  policy?: Partial<LifecyclePolicy>,
): { status: LifecycleStatus; reason: string } {
  const resolved = resolveLifecyclePolicy(policy);
  const status = lifecycleStatus(input, today, resolved);
  return {
    status,
    reason: reasonFor(status, input.expiryDate, today, resolved),
  };
}

function reasonFor(
  status: LifecycleStatus,
  expiryDate: string | null,
  today: string,
  policy: LifecyclePolicy,
): string {
  const expiry = expiryDate ? formatJapaneseDate(expiryDate) : '';
  const d = expiryDate ? daysBetween(today, expiryDate) : 0;
  switch (status) {
    case 'reissue_pending':
      return '再発行の依頼を受け付け、役席の承認待ちです。承認後、お客さまがログオン画面の「電子証明書取得」から取得できます。';
    case 'reissue_authorized':
      return '再発行が承認済みです。ログオン画面の「電子証明書取得」から新しい電子証明書を取得できます。';
    case 'revoked':
      return '電子証明書は失効しています。ログオンも再取得もできません。再発行処理が必要です。';
    case 'not_issued':
      return '電子証明書は未取得です。ログオン画面の「電子証明書取得」から取得できます。';
    case 'valid':
      return `有効期限は${expiry}です（あと${d}日）。有効期限の${policy.renewalWindowDays}日前から更新できます。`;
    case 'renewal_due':
      return d === 0
        ? `本日（${expiry}）が有効期限日です。本日中にログオン後の「重要なお知らせ」から更新してください。`
        : `有効期限（${expiry}）まであと${d}日です。ログオン後の「重要なお知らせ」から更新できます。`;
    case 'expired': {
      const left = policy.selfServiceDaysAfterExpiry + d;
      const until = left === 0 ? '本日まで' : `あと${left}日`;
      return `有効期限（${expiry}）から${-d}日経過。ログオンできません。ログオン画面の「電子証明書取得」から再取得できます（${until}）。`;
    }
    case 'reissue_required':
      return `有効期限（${expiry}）から${-d}日経過し、再取得できる期間（${policy.selfServiceDaysAfterExpiry}日）を過ぎています。当金庫での再発行処理が必要です。`;
  }
}
