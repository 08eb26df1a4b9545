import type {
  NoticeDeliveryCount,
  NoticeDeliveryDay,
} from '@certdesk/contracts';
import { NOTICE_DELIVERY_STATUS_LABELS } from '@certdesk/domain';
import type { ChartData, ChartOptions } from 'chart.js';
import { stackedBarOptions } from './stacked-bar-options';

/** What the report counts, in column order, labelled as 送信履歴 labels the statuses. */
export const NOTICE_COUNTS: readonly {
  key: NoticeDeliveryCount;
  label: string;
}[] = (['sent', 'failed', 'cancelled', 'skipped', 'pending'] as const).map(
  (key) => ({ key, label: NOTICE_DELIVERY_STATUS_LABELS[key] }),
);

const CHART_COLORS: Partial<Record<NoticeDeliveryCount, string>> = {
  sent: '#1e8e3e',
  failed: '#d93025',
  cancelled: '#9aa0a6',
};

/** The outcomes the chart stacks, with their colours (the table has every count). */
export const CHARTED = NOTICE_COUNTS.flatMap(({ key, label }) => {
  const color = CHART_COLORS[key];
  return color ? [{ key, label, color }] : [];
});

export type DayTotals = { day: string } & Record<NoticeDeliveryCount, number>;

/** The report's rows (per day and milestone) added up per day, days in order. */
export function totalsPerDay(rows: readonly NoticeDeliveryDay[]): DayTotals[] {
  const byDay = new Map<string, DayTotals>();
  for (const row of rows) {
    let day = byDay.get(row.day);
    if (!day) {
      day = {
        day: row.day,
        sent: 0,
        failed: 0,
        cancelled: 0,
        skipped: 0,
        pending: 0,
      };
      byDay.set(row.day, day);
    }
    for (const { key } of NOTICE_COUNTS) {
      day[key] += row[key];
    }
  }
  return [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));
}

/** `2026-11-20` → `11/20`, with the year under the first day and the first day of each new year. */
export function dayAxisLabels(days: readonly string[]): string[][] {
  return days.map((day, i) => {
    const [y, m, d] = day.split('-').map(Number);
    const label = `${m}/${d}`;
    return i === 0 || days[i - 1].slice(0, 4) !== day.slice(0, 4)
      ? [label, `${y}年`]
      : [label];
  });
}

/** One bar per day, stacked 送信済み / 送信失敗 / 取消. */
export function noticeStackData(
  days: readonly DayTotals[],
): ChartData<'bar', number[], string[]> {
  return {
    labels: dayAxisLabels(days.map((d) => d.day)),
    datasets: CHARTED.map(({ key, label, color }) => ({
      label,
      data: days.map((d) => d[key]),
      backgroundColor: color,
      stack: 'outcomes',
      maxBarThickness: 32,
    })),
  };
}

/** For screen readers: each day's outcomes (the table below the chart has them per milestone). */
export function noticeChartDescription(days: readonly DayTotals[]): string {
  return (
    '日別の通知の送信結果（積み上げ棒グラフ。通知日ごとの内訳は下の表）: ' +
    days
      .map(
        (d) =>
          `${d.day} ` +
          CHARTED.map(({ key, label }) => `${label} ${d[key]}件`).join(' '),
      )
      .join('、')
  );
}

export const NOTICE_CHART_OPTIONS: ChartOptions<'bar'> = stackedBarOptions({
  label: (item) => ` ${item.dataset.label}: ${item.formattedValue}件`,
});
