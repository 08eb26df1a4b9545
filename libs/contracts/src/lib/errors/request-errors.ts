import { caseWorded, ErrorEntry } from './entry';

/** Refusals of any request: its form, its origin, its input, a record that is not there, load. */
export const REQUEST_ERRORS = {
  /** A missing record, or another credit union's (answered exactly alike). */
  not_found: '指定されたデータは見つかりません',
  /** A field-level check (the validation pipe and the services' own): `details` names each field. */
  invalid_input: caseWorded('names the fields at fault (`details`)'),
  invalid_period: '期間の開始日は終了日以前の日付を指定してください',
  /** The body could not be read (body-parser: malformed JSON, aborted, bad length). */
  malformed_request: caseWorded('says what could not be read'),
  payload_too_large: caseWorded('names the size limit'),
  unsupported_encoding: caseWorded('names the charset or Content-Encoding'),
  json_required: 'リクエストは application/json で送信してください',
  csrf_mismatch:
    '画面を再読み込みしてからやり直してください（CSRFトークン不一致）',
  foreign_origin:
    '他のサイトからの操作は受け付けられません。画面を再読み込みしてからやり直してください',
  /** A write lost a race with another one on the same record. */
  edit_conflict: '他の操作と競合しました。画面を更新してやり直してください',
  // Limits and load.
  too_many_attempts:
    'このネットワークからのログイン試行が多すぎます。5分ほど待ってからやり直してください。',
  busy: 'ただいま大変混み合っております。しばらくたってから、もう一度お手続きください。',
  /** The CA keys' HSM cannot be reached. */
  KEYSTORE_UNAVAILABLE:
    '認証局の鍵を保管しているHSM（PKCS#11トークン）に接続できないため、電子証明書の発行と失効リストの更新を一時的に停止しています。しばらくしてからもう一度お試しください（解決しない場合はシステム管理者に連絡してください）',
} as const satisfies Record<string, ErrorEntry>;
