/*
 * The header row of each report's CSV (`GET /api/reports/{report}.csv`): Japanese, and part of the
 * contract, since the credit union's spreadsheets read the columns by these names.
 */

/** A CSV's encoding (`?encoding=`): UTF-8 with a BOM (the default) or CP932 (Shift_JIS). */
export const CSV_ENCODINGS = ['utf-8', 'cp932'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

/** CP932 only: what to do with characters it cannot hold — `refuse` (422, listing them) or `replace` (〓). */
export const UNMAPPABLE_MODES = ['refuse', 'replace'] as const;
export type UnmappableMode = (typeof UNMAPPABLE_MODES)[number];

/** 有効期限（月別・店別）: `expiry.csv`. */
export const EXPIRY_CSV_HEADERS: readonly string[] = [
  '年月',
  '店番',
  '店名',
  '有効期限を迎える電子証明書数',
];

/** ロックアウト中・期限超過: `locked-out.csv` and `past-limit.csv`. */
export const EXPIRED_USERS_CSV_HEADERS: readonly string[] = [
  '店番',
  '店名',
  '契約者番号',
  '会社名',
  '会社名カナ',
  '利用者区分',
  'ログインID',
  '利用者名',
  'メールアドレス',
  '有効期限日',
  '期限切れからの日数',
  '再取得期限',
];

/** 再発行履歴: `reissues.csv`. */
export const REISSUE_HISTORY_CSV_HEADERS: readonly string[] = [
  '受付日時',
  '状態',
  '店番',
  '店名',
  '契約者番号',
  '会社名',
  '利用者区分',
  'ログインID',
  '利用者名',
  '再発行理由',
  '理由の詳細',
  '本人確認方法',
  '依頼書受付日',
  '依頼者',
  '決裁者（承認・却下）',
  '決裁日時',
  '承認までの時間（時間）',
  '取得期限',
  '取得日時',
  '取得までの時間（時間）',
  '再発行依頼ID',
];

/** 通知の送信状況: `notices.csv`. */
export const NOTICE_DELIVERY_CSV_HEADERS: readonly string[] = [
  '日付（通知の基準日）',
  '通知の種類',
  '通知日',
  '有効期限までの日数',
  '送信済み',
  '送信失敗',
  '取消（送信不要）',
  '送信対象外',
  '送信待ち',
  '合計',
];

/** 監査ログ出力: `audit.csv`. */
export const AUDIT_CSV_HEADERS: readonly string[] = [
  '番号',
  '日時（日本時間）',
  '職員',
  '操作',
  '対象種別',
  '対象ID',
  '結果',
  'IPアドレス',
  'リクエストID',
  '詳細',
  'ハッシュ',
];

/** 解約・削除: `closures.csv`. */
export const CLOSURE_CSV_HEADERS: readonly string[] = [
  '区分',
  '解約・削除日',
  '処理日時',
  '契約者番号',
  '会社名',
  'ログインID',
  '利用者名',
  '理由',
  '経緯',
];
