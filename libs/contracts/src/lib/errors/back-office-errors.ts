import { caseWorded, ErrorEntry } from './entry';

/** The console's work on customers, certificates, 再発行, closures, imports, reports and notices. */
export const BACK_OFFICE_ERRORS = {
  // Certificates and issuance.
  no_pem:
    'この電子証明書は旧システムから移行したもので、証明書ファイル（PEM）は保管されていません',
  /** `details` gives each reason the PKCS#10 was refused. */
  csr_refused:
    '証明書発行要求（CSR）を受け付けられません。理由を確認し、新しい鍵で作成し直してください。',
  key_reused:
    'この公開鍵は以前に発行した電子証明書で使われています。新しい鍵を作成して申請してください。',
  // 再発行 and the PIN lock.
  open_reissue_request:
    'この利用者には処理中の再発行依頼があります。先にその依頼を処理してください',
  removed_user_reissue:
    'この利用者は削除済み（またはご契約が解約済み）のため、再発行は依頼できません',
  own_reissue_request:
    'ご自身が依頼した再発行は承認・却下できません。別の役席が処理してください',
  pin_not_locked: 'この利用者の暗証番号はロックされていません',
  // Closures (解約・削除) and held removals.
  already_closed: 'このご契約先は既に解約済みです。画面を更新してください',
  already_removed: 'この利用者は既に削除済みです。画面を更新してください',
  closure_reason_invalid: caseWorded(
    'libs/domain checkClosureReason: missing or too long',
  ),
  removal_already_decided:
    'この削除・解約は既に処理されています。画面を更新してください',
  removal_not_requester:
    '削除・解約の承認依頼を取り消せるのは取り込んだ職員だけです',
  own_removal_request:
    'ご自身が取り込んだ削除・解約は承認・却下できません。別の役席またはシステム管理者が処理してください。',
  // Imports.
  import_file_name_required: 'ファイル名を指定してください',
  import_file_empty: 'ファイルが空です。取り込むCSVファイルを選んでください',
  import_body_required:
    'ファイルを本文として送ってください（Content-Type: text/csv または application/octet-stream）',
  import_full_invalid: 'full は true か false で指定してください',
  import_rejected:
    '誤りのある行があるファイルは取り込めません。ファイルを直してからもう一度アップロードしてください',
  import_not_planned:
    'この取込はすでに取り込み済みか取消済みです。取込履歴で結果を確認してください',
  // Reports.
  /** `details` names each character and where it occurs. */
  csv_unmappable:
    'CP932（Shift_JIS）では表せない文字が含まれています。UTF-8で出力するか、〓に置き換えて出力してください（unmappable=replace）。',
  // Notices.
  notice_not_resendable: caseWorded('names the notice’s status'),
  notice_schedule_invalid: caseWorded('lists what is wrong with the days'),
  template_invalid: caseWorded('gives the first problem of the text'),
  template_edit_conflict:
    '他の職員が同時にこのテンプレートを編集しました。画面を更新してやり直してください',
  no_draft_to_discard: '破棄する下書きがありません',
  no_draft_to_publish:
    '公開する下書きがありません。先に下書きを保存してください',
  local_mailbox_unused:
    'ローカルSMTPサーバーは使われていません（SMTP_URL が設定されています）。送信されたメールはメールサーバー側で確認してください',
} as const satisfies Record<string, ErrorEntry>;
