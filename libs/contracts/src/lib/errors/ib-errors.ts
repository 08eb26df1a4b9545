import {
  IB_CONTRACT_CLOSED_MESSAGE,
  IB_NO_CERTIFICATE_MESSAGE,
  IB_SUPERSEDED_MESSAGE,
  IB_UNKNOWN_CERTIFICATE_MESSAGE,
  IB_USER_REMOVED_MESSAGE,
} from '@certdesk/domain';
import { caseWorded, ErrorEntry } from './entry';

const IB_LOGON_DECISION = caseWorded(
  'libs/domain ibLogonDecision words it (dates, the next step)',
);
const ISSUANCE_REFUSAL = caseWorded(
  'apps/api issuance-policy words it from the IB user’s status and dates',
);

/** The IB channel (the customer's portal): certificate log-on, 電子証明書取得, renewal. */
export const IB_ERRORS = {
  // Certificate log-on (libs/domain `ibLogonDecision`, `closureRefusal`).
  superseded: IB_SUPERSEDED_MESSAGE,
  revoked: IB_LOGON_DECISION,
  expired: IB_LOGON_DECISION,
  reissue_required: IB_LOGON_DECISION,
  reissue_pending: IB_LOGON_DECISION,
  reissue_authorized: IB_LOGON_DECISION,
  contract_closed: IB_CONTRACT_CLOSED_MESSAGE,
  ib_user_removed: IB_USER_REMOVED_MESSAGE,
  no_certificate: IB_NO_CERTIFICATE_MESSAGE,
  unknown_certificate: IB_UNKNOWN_CERTIFICATE_MESSAGE,
  not_ib_channel:
    '法人インターネットバンキングの接続先（https）からご利用ください。',
  // 電子証明書取得.
  wrong_credentials: caseWorded('says how many wrong PINs are left'),
  pin_locked:
    '暗証番号の誤りが所定の回数に達したため、ご利用を停止しております。お取引店までお問い合わせください。',
  credit_union_required:
    'ご利用の信用金庫を確認できませんでした。金庫コードを入力して、もう一度お手続きください。',
  // Issuance refused by the lifecycle rule (409): past the limit, revoked, or otherwise.
  issuance_reissue_required: ISSUANCE_REFUSAL,
  issuance_revoked: ISSUANCE_REFUSAL,
  issuance_refused: ISSUANCE_REFUSAL,
  // Renewal.
  outside_renewal_window: ISSUANCE_REFUSAL,
  /** The certificate presented for a renewal was renewed already (409; at log-on it is `superseded`, 403). */
  renewal_superseded: IB_SUPERSEDED_MESSAGE,
  renewal_session_not_found:
    '更新手続きが見つかりません。「重要なお知らせ」からやり直してください。',
  renewal_session_used:
    'この更新手続きは完了済みです。続けて更新することはできません。',
  renewal_session_expired: caseWorded(
    'names the session’s time limit (RENEWAL_SESSION_MINUTES)',
  ),
  not_media_storage:
    'ご利用の信用金庫では電子証明書をサーバに保管していません。',
} as const satisfies Record<string, ErrorEntry>;

/** `too_many_attempts` as the IB channel words it (the staff log-in's wording is the catalogue's). */
export const IB_TOO_MANY_ATTEMPTS_MESSAGE =
  'お手続きの回数が多すぎるため、一時的にご利用を制限しております。しばらくたってから、もう一度お手続きください。';
