import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import { BarChart } from '../../core/bar-chart';
import { ExpiryMonth, expiryStackData, monthLabel } from './expiry-months';
import { stackedBarOptions } from './stacked-bar-options';

/**
 * Certificates expiring per month, stacked by branch (chart.js through ng2-charts; the reports page
 * provides the chart registrations, so chart.js stays out of the initial bundle).
 */
@Component({
  selector: 'cd-expiry-stack-chart',
  imports: [BarChart],
  template: `<cd-bar-chart
    [data]="data()"
    [options]="options()"
    [description]="description()"
    [height]="320"
  />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExpiryStackChart {
  readonly months = input.required<readonly ExpiryMonth[]>();

  protected readonly data = computed(() => expiryStackData(this.months()));
  /** For screen readers: each month's total (the table below has the branches). */
  protected readonly description = computed(
    () =>
      '月別・店別の有効期限を迎える電子証明書の件数（積み上げ棒グラフ。店別の内訳は下の表）: ' +
      this.months()
        .map((m) => `${monthLabel(m.month)} ${m.total}件`)
        .join('、'),
  );
  protected readonly options = computed(() => {
    const months = this.months();
    return stackedBarOptions({
      title: ([item]) => (item ? monthLabel(months[item.dataIndex].month) : ''),
      label: (item) => ` ${item.dataset.label}: ${item.formattedValue}件`,
      footer: ([item]) =>
        item ? `合計 ${months[item.dataIndex].total}件` : '',
    });
  });
}
