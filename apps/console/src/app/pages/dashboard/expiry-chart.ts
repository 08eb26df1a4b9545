import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import type { DashboardSummary } from '@certdesk/contracts';
import { addDays } from '@certdesk/domain';
import type { ChartData, ChartOptions } from 'chart.js';
import { BarChart } from '../../core/bar-chart';

type Week = DashboardSummary['expiriesPerWeek'][number];

const BAR_COLOR = '#005cbb';

/** `2026-12-01` → `12/1` */
function monthDay(isoDate: string): string {
  const [, m, d] = isoDate.split('-').map(Number);
  return `${m}/${d}`;
}

/** The x-axis label of a week: its first day, `12/1〜`. */
export function weekLabel(weekStart: string): string {
  return `${monthDay(weekStart)}〜`;
}

export function weekRange(weekStart: string): string {
  return `${monthDay(weekStart)}〜${monthDay(addDays(weekStart, 6))}`;
}

export function expiryChartData(
  weeks: readonly Week[],
): ChartData<'bar', number[], string> {
  return {
    labels: weeks.map((w) => weekLabel(w.weekStart)),
    datasets: [
      {
        label: '有効期限を迎える件数',
        data: weeks.map((w) => w.count),
        backgroundColor: BAR_COLOR,
        borderRadius: 4,
        maxBarThickness: 48,
      },
    ],
  };
}

/**
 * Expiries per week for the next 12 weeks (chart.js through ng2-charts; the page provides the
 * chart registrations, so chart.js stays out of the initial bundle).
 */
@Component({
  selector: 'cd-expiry-chart',
  imports: [BarChart],
  template: `<cd-bar-chart
    [data]="data()"
    [options]="options()"
    [description]="description()"
    [height]="280"
  />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExpiryChart {
  readonly weeks = input.required<readonly Week[]>();

  protected readonly data = computed(() => expiryChartData(this.weeks()));
  /** What the chart shows, for screen readers: every week and its count. */
  protected readonly description = computed(
    () =>
      '今後12週間に有効期限を迎える電子証明書の件数（週ごと）: ' +
      this.weeks()
        .map((w) => `${weekRange(w.weekStart)} ${w.count}件`)
        .join('、'),
  );
  protected readonly options = computed<ChartOptions<'bar'>>(() => {
    const weeks = this.weeks();
    return {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: ([item]) =>
              item ? weekRange(weeks[item.dataIndex].weekStart) : '',
            label: (item) => ` ${item.formattedValue}件`,
          },
        },
      },
      scales: {
        x: { title: { display: true, text: '週の開始日' } },
        y: {
          beginAtZero: true,
          ticks: { precision: 0 },
          title: { display: true, text: '件数' },
        },
      },
    };
  });
}
