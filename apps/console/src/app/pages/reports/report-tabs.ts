import type { ReportName } from '@certdesk/contracts';

/** The tabs of レポート, in order, by their `tab=` value: one per report the API offers. */
export const REPORT_TABS = [
  { id: 'expiry', label: '有効期限（月別・店別）' },
  { id: 'locked-out', label: 'ロックアウト中（期限切れ）' },
  { id: 'past-limit', label: '期限超過（再発行が必要）' },
  { id: 'reissues', label: '再発行履歴' },
  { id: 'notices', label: '通知の送信状況' },
  { id: 'closures', label: '解約・削除' },
  { id: 'audit', label: '監査ログ出力' },
] as const satisfies readonly { id: ReportName; label: string }[];

export type ReportTab = (typeof REPORT_TABS)[number]['id'];

export const DEFAULT_TAB: ReportTab = 'expiry';

/** The URL's `tab`; a missing or unknown one opens the first tab. */
export function reportTab(value: string | undefined): ReportTab {
  return REPORT_TABS.find((t) => t.id === value)?.id ?? DEFAULT_TAB;
}

/** Tabs filtered by 店番 keep it when switching between them. */
export function usesBranch(tab: ReportTab): boolean {
  return tab !== 'audit' && tab !== 'notices' && tab !== 'closures';
}

/** Tabs filtered by a period of days keep it when switching between them. */
export function usesPeriod(tab: ReportTab): boolean {
  return (
    tab === 'reissues' ||
    tab === 'notices' ||
    tab === 'audit' ||
    tab === 'closures'
  );
}
