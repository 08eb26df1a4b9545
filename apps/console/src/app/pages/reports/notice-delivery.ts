import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import type { NoticeDeliveryCounts } from '@certdesk/contracts';
import { describeMilestone } from '@certdesk/domain';
import { BarChart } from '../../core/bar-chart';
import { JapaneseDatePipe } from '../../core/japanese-date.pipe';
import { loadOnChange } from '../../core/async-state';
import { injectQueryState } from '../../core/query-state';
import { Choice, ChoiceFilter } from './choice-filter';
import { CsvExport } from './csv-export';
import {
  NOTICE_CHART_OPTIONS,
  NOTICE_COUNTS,
  noticeChartDescription,
  noticeStackData,
  totalsPerDay,
} from './notice-days';
import { PeriodFilter } from './period-filter';
import { ReportFrame } from './report-frame';
import { ReportsApi } from './reports-api';
import { TableRows } from '../../core/ui/table/table-rows';

/**
 * 通知の送信状況: e-mail notices per JST business day (the day they were queued for) and milestone —
 * sent, failed, cancelled (no longer needed), skipped (no address) and still waiting — as a chart
 * per day and a table per day and milestone, with the period's totals.
 */
@Component({
  selector: 'cd-notice-delivery',
  imports: [
    MatTableModule,
    BarChart,
    ChoiceFilter,
    CsvExport,
    JapaneseDatePipe,
    PeriodFilter,
    ReportFrame,
    TableRows,
  ],
  templateUrl: './notice-delivery.html',
  styleUrls: ['./report-table.scss', './report-summary.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NoticeDelivery {
  private readonly api = inject(ReportsApi);
  protected readonly filters = injectQueryState(['from', 'to', 'milestone'])
    .query;
  protected readonly report = loadOnChange(this.filters, (filters) =>
    this.api.notices(filters),
  );
  protected readonly rows = computed(() => this.report().value?.days ?? []);
  protected readonly perDay = computed(() => totalsPerDay(this.rows()));
  protected readonly chartData = computed(() => noticeStackData(this.perDay()));
  protected readonly chartDescription = computed(() =>
    noticeChartDescription(this.perDay()),
  );
  protected readonly chartOptions = NOTICE_CHART_OPTIONS;
  /** The period's milestones, and the chosen one even when the period has none of it. */
  protected readonly milestoneChoices = computed<Choice[]>(() => {
    const listed =
      this.report().value?.milestones.map((m) => m.milestone) ?? [];
    const milestone = this.filters().milestone;
    const chosen = Number(milestone);
    const all =
      milestone && Number.isInteger(chosen) && !listed.includes(chosen)
        ? [...listed, chosen].sort((a, b) => b - a)
        : listed;
    return all.map((m) => ({ value: String(m), label: describeMilestone(m) }));
  });
  protected readonly columns = [
    'day',
    'milestone',
    ...NOTICE_COUNTS.map((c) => c.key),
    'total',
  ];
  protected readonly counts = NOTICE_COUNTS;

  protected total(c: NoticeDeliveryCounts): number {
    return this.counts.reduce((sum, { key }) => sum + c[key], 0);
  }
}
