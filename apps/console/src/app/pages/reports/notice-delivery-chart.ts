import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import { BarChart } from '../../core/bar-chart';
import { CHARTED, DayTotals, noticeStackData } from './notice-days';
import { stackedBarOptions } from './stacked-bar-options';

/** Notices per day, stacked by outcome (the reports page provides the chart registrations). */
@Component({
  selector: 'cd-notice-delivery-chart',
  imports: [BarChart],
  template: `<cd-bar-chart
    [data]="data()"
    [options]="options"
    [description]="description()"
    [height]="280"
  />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NoticeDeliveryChart {
  readonly days = input.required<readonly DayTotals[]>();

  protected readonly data = computed(() => noticeStackData(this.days()));
  /** For screen readers: each day's outcomes (the table below has them per milestone). */
  protected readonly description = computed(
    () =>
      '日別の通知の送信結果（積み上げ棒グラフ。通知日ごとの内訳は下の表）: ' +
      this.days()
        .map(
          (d) =>
            `${d.day} ` +
            CHARTED.map(({ key, label }) => `${label} ${d[key]}件`).join(' '),
        )
        .join('、'),
  );
  protected readonly options = stackedBarOptions({
    label: (item) => ` ${item.dataset.label}: ${item.formattedValue}件`,
  });
}
