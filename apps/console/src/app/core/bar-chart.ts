import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { ChartData, ChartOptions } from 'chart.js';
import { BaseChartDirective } from 'ng2-charts';

/**
 * A chart.js bar chart in a sized box, with a text description for screen readers. The page that
 * uses it provides the chart registrations, so chart.js stays out of the initial bundle.
 */
@Component({
  selector: 'cd-bar-chart',
  imports: [BaseChartDirective],
  template: `
    <div class="cd-chart" [style.height.px]="height()">
      <canvas
        baseChart
        [type]="'bar'"
        [data]="data()"
        [options]="options()"
        role="img"
        [attr.aria-label]="description()"
      ></canvas>
    </div>
  `,
  styles: `
    .cd-chart {
      position: relative;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BarChart {
  readonly data = input.required<ChartData<'bar', number[], unknown>>();
  readonly options = input.required<ChartOptions<'bar'>>();
  readonly description = input.required<string>();
  readonly height = input(280);
}
