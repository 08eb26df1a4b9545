import {
  IB_CONTRACT_CLOSED_MESSAGE,
  IB_NO_CERTIFICATE_MESSAGE,
  IB_SUPERSEDED_MESSAGE,
  IB_UNKNOWN_CERTIFICATE_MESSAGE,
  IB_USER_REMOVED_MESSAGE,
  type IbLogonRefusalCode,
} from '@certdesk/domain';
import {
  ENROLMENT_REQUIRED_CODE,
  SECOND_FACTOR_REQUIRED_CODE,
  STEP_UP_REQUIRED_CODE,
} from './second-factor';

/**
 * Every machine-readable reason the API gives in `ApiError.code`. Clients decide on these codes
 * only, never on the wording of `message`.
 */
export const ERROR_CODES = Object.freeze([
  // IB channel, certificate log-on (libs/domain `ibLogonDecision`, `closureRefusal`).
  'superseded',
  'revoked',
  'expired',
  'reissue_required',
  'reissue_pending',
  'reissue_authorized',
  'contract_closed',
  'ib_user_removed',
  'no_certificate',
  'unknown_certificate',
  'not_ib_channel',
  // IB channel, 電子証明書取得.
  'wrong_credentials',
  'pin_locked',
  'credit_union_required',
  // Issuance refused by the lifecycle rule (409): past the limit, revoked, or otherwise.
  'issuance_reissue_required',
  'issuance_revoked',
  'issuance_refused',
  // IB channel, renewal.
  'outside_renewal_window',
  'renewal_session_not_found',
  'renewal_session_used',
  'renewal_session_expired',
  'not_media_storage',
  // Limits (staff log-in and IB acquisition), password hashing queue full.
  'too_many_attempts',
  'busy',
  // The CA keys' HSM cannot be reached.
  'KEYSTORE_UNAVAILABLE',
  // Staff second factor.
  STEP_UP_REQUIRED_CODE,
  SECOND_FACTOR_REQUIRED_CODE,
  ENROLMENT_REQUIRED_CODE,
  'second_factor_invalid',
] as const);
export type ErrorCode = (typeof ERROR_CODES)[number];

type Assert<T extends true> = T;
/** Compile-time check: every IB log-on refusal of libs/domain is an {@link ErrorCode}. */
export type IbLogonCodesAreErrorCodes = Assert<
  IbLogonRefusalCode extends ErrorCode ? true : false
>;

/**
 * The Japanese message of each code where the API has one wording for it (the catalogue); a
 * refusal whose reason depends on the case (dates, attempts left) gives its own sentence instead.
 */
export const ERROR_MESSAGES = Object.freeze({
  superseded: IB_SUPERSEDED_MESSAGE,
  contract_closed: IB_CONTRACT_CLOSED_MESSAGE,
  ib_user_removed: IB_USER_REMOVED_MESSAGE,
  no_certificate: IB_NO_CERTIFICATE_MESSAGE,
  unknown_certificate: IB_UNKNOWN_CERTIFICATE_MESSAGE,
  not_ib_channel:
    '法人インターネットバンキングの接続先（https）からご利用ください。',
  pin_locked:
    '暗証番号の誤りが所定の回数に達したため、ご利用を停止しております。お取引店までお問い合わせください。',
  credit_union_required:
    'ご利用の信用金庫を確認できませんでした。金庫コードを入力して、もう一度お手続きください。',
  renewal_session_not_found:
    '更新手続きが見つかりません。「重要なお知らせ」からやり直してください。',
  renewal_session_used:
    'この更新手続きは完了済みです。続けて更新することはできません。',
  not_media_storage:
    'ご利用の信用金庫では電子証明書をサーバに保管していません。',
  busy: 'ただいま大変混み合っております。しばらくたってから、もう一度お手続きください。',
  KEYSTORE_UNAVAILABLE:
    '認証局の鍵を保管しているHSM（PKCS#11トークン）に接続できないため、電子証明書の発行と失効リストの更新を一時的に停止しています。しばらくしてからもう一度お試しください（解決しない場合はシステム管理者に連絡してください）',
} as const satisfies Partial<Record<ErrorCode, string>>);

/** Every 4xx/5xx answer of the API has this shape; `message` is Japanese and says what to do. */
export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
  /** Field-level reasons, e.g. for validation failures: `{ field: 'limit', reason: '1〜200の整数で指定してください' }`. */
  details?: { field: string; reason: string }[];
  requestId?: string;
  /** A machine-readable reason where a client acts on it (e.g. the IB channel's log-on refusals: `expired`, `reissue_required`). */
  code?: ErrorCode;
}
