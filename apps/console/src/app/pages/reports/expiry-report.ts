import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import { loadOnChange } from '../../core/async-state';
import { injectQueryState } from '../../core/query-state';
import { BranchFilter } from './branch-filter';
import { CsvExport } from './csv-export';
import { ExpiryStackChart } from './expiry-chart';
import { branchLabel, branchesOf, countOf, monthLabel } from './expiry-months';
import { ReportFrame } from './report-frame';
import { ReportsApi } from './reports-api';

/** 有効期限（月別・店別）: 3 months back to 11 ahead, a stacked chart and the same figures as a table. */
@Component({
  selector: 'cd-expiry-report',
  imports: [
    MatTableModule,
    BranchFilter,
    CsvExport,
    ExpiryStackChart,
    ReportFrame,
  ],
  templateUrl: './expiry-report.html',
  styleUrl: './report-table.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExpiryReport {
  private readonly api = inject(ReportsApi);
  protected readonly filters = injectQueryState(['branch']).query;
  protected readonly report = loadOnChange(this.filters, ({ branch }) =>
    this.api.expiry(branch),
  );
  protected readonly months = computed(() => this.report().value?.months ?? []);
  protected readonly branches = computed(() => branchesOf(this.months()));
  protected readonly columns = computed(() => [
    'month',
    ...this.branches().map((b) => b.code),
    'total',
  ]);
  /** Per branch over the 15 months, and the grand total. */
  protected readonly totals = computed(() => {
    const months = this.months();
    const byBranch = new Map(
      this.branches().map((b) => [
        b.code,
        months.reduce((sum, m) => sum + countOf(m, b.code), 0),
      ]),
    );
    return { byBranch, all: months.reduce((sum, m) => sum + m.total, 0) };
  });
  protected readonly thisMonth = computed(
    () => this.report().value?.today.slice(0, 7) ?? '',
  );

  protected readonly monthLabel = monthLabel;
  protected readonly branchLabel = branchLabel;
  protected readonly countOf = countOf;
}
