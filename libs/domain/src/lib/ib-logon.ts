import { addDays, formatJapaneseDate, IsoDate } from './jst-date';
import {
  LifecycleInput,
  LifecyclePolicy,
  LifecycleStatus,
  lifecycleStatus,
  resolveLifecyclePolicy,
} from './lifecycle';

/** Why a certificate log-on (電子証明書方式) is refused; the IB portal picks its next screen by it. */
export type IbLogonRefusalCode =
  | 'superseded'
  | 'revoked'
  | 'expired'
  | 'reissue_required'
  | 'reissue_pending'
  | 'reissue_authorized';

export type IbLogonDecision =
  | { ok: true; status: LifecycleStatus }
  | {
      ok: false;
      status: LifecycleStatus;
      code: IbLogonRefusalCode;
      reason: string;
    };

/** The certificate presented at log-on, as the issuing records know it. */
export interface PresentedCertificate {
  /** It is still the IB user's current certificate. */
  current: boolean;
  revoked: boolean;
  /** RFC 5280 reason name of its revocation, if any (`superseded` after a renewal). */
  revocationReason: string | null;
}

const ACQUIRE =
  'ログオン画面の「電子証明書取得」から新しい電子証明書を取得してください';
const CALL_BRANCH =
  '当金庫にて再発行処理が必要となりますので、お取引店までご連絡ください';

/**
 * The customer-facing decision on a certificate log-on, in the wording of the customer's
 * renewal page: a valid or renewal-due user passes with their current certificate; otherwise
 * the reason and what to do (acquire again until the limit, or call the branch after it).
 */
export function ibLogonDecision(
  presented: PresentedCertificate,
  user: LifecycleInput,
  today: IsoDate,
  policy?: Partial<LifecyclePolicy>,
): IbLogonDecision {
  const resolved = resolveLifecyclePolicy(policy);
  const status = lifecycleStatus(user, today, resolved);
  const refuse = (
    code: IbLogonRefusalCode,
    reason: string,
  ): IbLogonDecision => ({ ok: false, status, code, reason });
  if (status === 'reissue_pending')
    return refuse(
      'reissue_pending',
      '電子証明書の再発行手続き中のため、ログオンできません。当金庫での承認後、ログオン画面の「電子証明書取得」から取得できます。',
    );
  if (status === 'reissue_authorized')
    return refuse(
      'reissue_authorized',
      `電子証明書の再発行が承認されています。${ACQUIRE}。`,
    );
  if (
    presented.revocationReason === 'superseded' ||
    (!presented.current && !presented.revoked)
  ) {
    return refuse(
      'superseded',
      'この電子証明書は更新済みのため使用できません。新しい電子証明書でログオンしてください。',
    );
  }
  if (presented.revoked || status === 'revoked')
    return refuse(
      'revoked',
      `この電子証明書は失効しているため、ログオンできません。${CALL_BRANCH}。`,
    );
  if (status === 'expired' && user.expiryDate) {
    const deadline = formatJapaneseDate(
      addDays(user.expiryDate, resolved.selfServiceDaysAfterExpiry),
    );
    return refuse(
      'expired',
      `電子証明書の有効期限（${formatJapaneseDate(user.expiryDate)}）を過ぎたため、ログオンできません。${ACQUIRE}（${deadline}まで）。`,
    );
  }
  if (status === 'reissue_required') {
    return refuse(
      'reissue_required',
      `電子証明書の有効期限日から${resolved.selfServiceDaysAfterExpiry}日を超過しているため、電子証明書を取得いただけません。${CALL_BRANCH}。`,
    );
  }
  if (status === 'not_issued')
    return refuse(
      'revoked',
      `この電子証明書は使用できません。${CALL_BRANCH}。`,
    );
  return { ok: true, status };
}
