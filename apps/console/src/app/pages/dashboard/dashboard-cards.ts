import type { Params } from '@angular/router';
import type {
  DashboardSummary,
  LifecycleStatusName,
} from '@certdesk/contracts';
import {
  addDays,
  formatJapaneseDate,
  LifecyclePolicy,
  lifecycleStatusLabel,
} from '@certdesk/domain';

export interface DashboardCard {
  readonly label: string;
  readonly count: number;
  /** The status the card's search filters on (its colour). */
  readonly status: LifecycleStatusName;
  /** `/certificates?…`: the search that lists exactly what the card counts. */
  readonly queryParams: Params;
  readonly hint?: string;
}

export interface DashboardCardGroup {
  readonly heading: string;
  readonly cards: readonly DashboardCard[];
}

function card(
  label: string,
  count: number,
  status: LifecycleStatusName,
  extra: Params = {},
  hint?: string,
): DashboardCard {
  return { label, count, status, queryParams: { status, ...extra }, hint };
}

/** The dashboard's count cards, each opening the search pre-filtered to what it counts. */
export function dashboardCards(
  s: DashboardSummary,
  policy: Partial<LifecyclePolicy> = {},
): readonly DashboardCardGroup[] {
  const within = (days: number) => {
    const until = addDays(s.today, days);
    return card(
      `${days}日以内に期限`,
      days === 7 ? s.renewalDueWithin7Days : s.renewalDueWithin30Days,
      'renewal_due',
      { expiresTo: until },
      `${formatJapaneseDate(until)}まで`,
    );
  };
  return [
    {
      heading: '対応が必要',
      cards: [
        within(7),
        card(
          lifecycleStatusLabel('expired'),
          s.lockedOut,
          'expired',
          {},
          'お客さまが再取得できます',
        ),
        card(
          lifecycleStatusLabel('reissue_required', policy),
          s.pastLimit,
          'reissue_required',
          {},
          '当金庫での再発行処理が必要です',
        ),
        card('再発行承認待ち', s.pendingReissueApprovals, 'reissue_pending'),
      ],
    },
    {
      heading: '状態別の件数',
      cards: [
        card('有効', s.counts.valid, 'valid'),
        card('更新期間中', s.counts.renewal_due, 'renewal_due'),
        within(30),
        card('失効', s.counts.revoked, 'revoked'),
        card(
          '再発行済（取得待ち）',
          s.counts.reissue_authorized,
          'reissue_authorized',
        ),
        card('未取得', s.counts.not_issued, 'not_issued'),
      ],
    },
  ];
}
