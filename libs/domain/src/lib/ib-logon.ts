import { addDays, formatJapaneseDate, IsoDate } from './jst-date';
import { formatJapaneseDateTime } from './jst-datetime';
import {
  LifecycleInput,
  LifecyclePolicy,
  LifecycleStatus,
  lifecycleStatus,
  resolveLifecyclePolicy,
} from './lifecycle';

/**
 * The IB portal's renewal screen (the notice's 「電子証明書の更新はこちら」 opens it): one path for
 * the portal's route, the API's notice and the console's preview.
 */
export const IB_RENEWAL_PATH = '/renewal';
/** The words of the renewal link in the 重要なお知らせ (the seed's step ③). */
export const RENEWAL_LINK_TEXT = '電子証明書の更新はこちら';
/** The 重要なお知らせ's title, quoted word for word by the renewal mail's steps (the seed's step ②). */
export const RENEWAL_NOTICE_TITLE = '電子証明書の更新をお願いします';

/** Why a certificate log-on (電子証明書方式) is refused; the IB portal picks its next screen by it. */
export type IbLogonRefusalCode =
  | 'superseded'
  | 'revoked'
  | 'expired'
  | 'reissue_required'
  | 'reissue_pending'
  | 'reissue_authorized';

export type IbLogonDecision =
  | {
      ok: true;
      status: LifecycleStatus;
      /** The presented certificate is the IB user's newest; false while a renewed one is still unused. */
      newest: boolean;
    }
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
  /**
   * Set when the presented certificate is the one the IB user's current certificate renewed:
   * its own expiry date and whether that successor has logged on yet.
   */
  renewedBy?: RenewalSuccessor;
}

/** The newer certificate a renewal issued in place of the presented one. */
export interface RenewalSuccessor {
  /** JST expiry date of the presented (older) certificate. */
  presentedExpiryDate: IsoDate;
  /** The newer certificate has logged on at least once. */
  successorUsed: boolean;
}

/**
 * A renewal must not strand the customer: the certificate a renewal replaced keeps logging on
 * (and may renew again) until the new one has logged on once, or through its own expiry date,
 * whichever comes first; then it is retired (revoked as `superseded`).
 */
export function replacedCertificateUsable(
  successor: RenewalSuccessor,
  today: IsoDate,
): boolean {
  return !successor.successorUsed && today <= successor.presentedExpiryDate;
}

/**
 * What staff read on ご契約先 after a renewal (新しい電子証明書): unused — and until when the
 * certificate it renewed still logs on — or since when it is in use.
 */
export function newCertificateUseLabel(
  firstLogonAt: Date | null,
  replacedExpiryDate: IsoDate,
  today: IsoDate,
): string {
  if (firstLogonAt) return `使用開始 ${formatJapaneseDateTime(firstLogonAt)}`;
  return replacedCertificateUsable(
    { presentedExpiryDate: replacedExpiryDate, successorUsed: false },
    today,
  )
    ? `未使用（更新前の電子証明書で${formatJapaneseDate(replacedExpiryDate)}までログオンできます）`
    : '未使用（更新前の電子証明書は有効期限を過ぎました）';
}

/**
 * The portal's step ⑩ (新しい電子証明書でログオンできることを確認): a renewed certificate that
 * first logged on today (JST) gets the confirmation.
 */
export function renewalConfirmedToday(
  certificate: { issuedVia: string; firstLogonDate: IsoDate | null },
  today: IsoDate,
): boolean {
  return (
    certificate.issuedVia === 'renewal' && certificate.firstLogonDate === today
  );
}

const ACQUIRE =
  'ログオン画面の「電子証明書取得」から新しい電子証明書を取得してください';
/** The seed's one sentence for every case only the credit union can resolve (said once, by the server). */
export const IB_CONTACT_SENTENCE =
  '当金庫にて再発行処理が必要となりますので、当金庫までご連絡ください。';

/** Log-on refusals the IB channel sends before any date rule (the portal's tests quote these). */
export const IB_NO_CERTIFICATE_MESSAGE =
  '電子証明書が選択されていないか、このパソコンにインストールされていません。電子証明書をインストールしたパソコンからログオンしてください。';
export const IB_UNKNOWN_CERTIFICATE_MESSAGE =
  'この電子証明書は当金庫の法人インターネットバンキングでは使用できません。';
export const IB_SUPERSEDED_MESSAGE =
  'この電子証明書は更新済みのため使用できません。新しい電子証明書でログオンしてください。';

/** 「有効期限日から90日を超過」: log-on and acquisition are both impossible, and why, with the dates. */
export function pastLimitMessage(
  expiryDate: IsoDate,
  policy?: Partial<LifecyclePolicy>,
): string {
  const days = resolveLifecyclePolicy(policy).selfServiceDaysAfterExpiry;
  const lastDay = formatJapaneseDate(addDays(expiryDate, days));
  return `電子証明書の有効期限日（${formatJapaneseDate(expiryDate)}）から${days}日を超過したため（取得できるのは${lastDay}まででした）、ログオンも電子証明書の取得もできません。${IB_CONTACT_SENTENCE}`;
}

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
    !presented.current &&
    !presented.revoked &&
    presented.renewedBy &&
    replacedCertificateUsable(presented.renewedBy, today)
  ) {
    const own = lifecycleStatus(
      { expiryDate: presented.renewedBy.presentedExpiryDate },
      today,
      resolved,
    );
    return { ok: true, status: own, newest: false };
  }
  if (
    presented.revocationReason === 'superseded' ||
    (!presented.current && !presented.revoked)
  ) {
    return refuse('superseded', IB_SUPERSEDED_MESSAGE);
  }
  if (presented.revoked || status === 'revoked')
    return refuse(
      'revoked',
      `この電子証明書は失効しているため、ログオンできません。${IB_CONTACT_SENTENCE}`,
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
  if (status === 'reissue_required' && user.expiryDate)
    return refuse(
      'reissue_required',
      pastLimitMessage(user.expiryDate, resolved),
    );
  if (status === 'not_issued')
    return refuse(
      'revoked',
      `この電子証明書は使用できません。${IB_CONTACT_SENTENCE}`,
    );
  return { ok: true, status, newest: true };
}
