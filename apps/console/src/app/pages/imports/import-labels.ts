import type {
  ImportKindCounts,
  ImportRunStatusName,
  ImportRunSummary,
} from '@certdesk/contracts';

export const IMPORT_STATUS_LABELS: Readonly<
  Record<ImportRunStatusName, string>
> = {
  planned: '確認済み（未取込）',
  rejected: '誤りあり（取込不可）',
  applying: '取込中',
  applied: '取込完了',
  failed: '取込失敗',
  cancelled: '取消',
  duplicate: '取込済みのため省略',
};

export const IMPORT_SOURCE_LABELS = {
  upload: 'アップロード',
  inbox: '取込フォルダ',
} as const;

export const ENCODING_LABELS: Readonly<Record<string, string>> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8（BOM付き）',
  cp932: 'Shift_JIS（CP932）',
};

export function encodingLabel(encoding: string | null): string {
  return (encoding && ENCODING_LABELS[encoding]) || '不明';
}

export interface CountRow {
  label: string;
  counts: ImportKindCounts;
}

/** The rows of the counts table: customers, IB users, certificates. */
export function countRows(summary: ImportRunSummary): CountRow[] {
  return [
    { label: 'ご契約先', counts: summary.customers },
    { label: 'IB利用者', counts: summary.ibUsers },
    { label: '電子証明書', counts: summary.certificates },
  ];
}

/** `新規 3 / 変更 1 / 削除・解約 0` for the history. */
export function shortSummary(summary: ImportRunSummary | null): string {
  if (!summary) return '—';
  const c = summary.customers;
  const u = summary.ibUsers;
  return (
    `ご契約先 新規 ${c.created}・変更 ${c.changed}・解約 ${c.removed} / ` +
    `IB利用者 新規 ${u.created}・変更 ${u.changed}・削除 ${u.removed}`
  );
}

/** `1.2 MB`, `350 KB`, `512 バイト`. */
export function fileSizeLabel(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} バイト`;
}
