import type { ImportRunSummary } from '@certdesk/contracts';
import { formatJapaneseDateTime } from '@certdesk/domain';
import type { ImportRun } from './import-run.entity';

const RESULT: Record<string, string> = {
  applied: '取込完了',
  failed: '取込失敗（何も書き込んでいません）',
  duplicate: '取込済みのファイルのため取り込みませんでした',
};

function counts(summary: ImportRunSummary): string[] {
  const line = (label: string, c: ImportRunSummary['customers']) =>
    `${label}: 新規 ${c.created} / 変更 ${c.changed} / 変更なし ${c.unchanged} / 削除・解約 ${c.removed}`;
  return [
    line('ご契約先', summary.customers),
    line('IB利用者', summary.ibUsers),
    line('電子証明書', summary.certificates),
  ];
}

/** The text written beside an inbox file in `done/` or `failed/` (UTF-8). */
export function inboxReport(
  run: ImportRun,
  errors: { line: number; message: string }[],
): string {
  const summary = run.summary
    ? (JSON.parse(run.summary) as ImportRunSummary)
    : null;
  return [
    `取込結果: ${RESULT[run.status] ?? run.status}`,
    `ファイル: ${run.fileName}（${run.fileSize} バイト）`,
    `SHA-256: ${run.sha256}`,
    `文字コード: ${run.encoding ?? '不明'}`,
    `全件ファイル: ${run.full ? 'はい' : 'いいえ'}`,
    `処理日時: ${formatJapaneseDateTime(run.finishedAt ?? run.createdAt)}（日本時間）`,
    `データ行数: ${run.lines}`,
    ...(summary ? counts(summary) : []),
    ...(run.message ? [run.message] : []),
    ...(errors.length > 0
      ? [
          `誤りのある行: ${errors.length} 件`,
          ...errors.map((e) => `  ${e.message}`),
        ]
      : []),
    `取込ID: ${run.id}`,
    '',
  ].join('\n');
}
