import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { MatTabsModule } from '@angular/material/tabs';
import { ActivatedRoute, Params, Router, RouterLink } from '@angular/router';
import { provideCharts, withDefaultRegisterables } from 'ng2-charts';
import { AuditExport, AuditPeriod } from './audit-export';
import { ExpiredUsersReport } from './expired-users-report';
import { ExpiryReport } from './expiry-report';
import { REPORT_TABS, ReportTab, reportTab, usesBranch } from './report-tabs';

/**
 * レポート (compliance, manager): one tab per report the API offers, each with its filters, its
 * "as of" line and 「CSV出力」. The URL holds the tab and its filters (bookmarkable, back/forward).
 */
@Component({
  selector: 'cd-reports-page',
  imports: [
    MatTabsModule,
    RouterLink,
    AuditExport,
    ExpiredUsersReport,
    ExpiryReport,
  ],
  // Chart registrations for this page only: chart.js is loaded with it, never in the initial bundle.
  providers: [provideCharts(withDefaultRegisterables())],
  templateUrl: './reports-page.html',
  styles: `
    .cd-page-title {
      margin-bottom: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportsPage {
  /** Query parameters (withComponentInputBinding). */
  readonly tab = input<string>();
  readonly branch = input<string>();
  readonly cursor = input<string>();
  readonly from = input<string>();
  readonly to = input<string>();

  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly tabs = REPORT_TABS;
  protected readonly current = computed(() => reportTab(this.tab()));

  /** A tab's link: its first page; the 店番 stays when the tab is filtered by branch too. */
  protected tabParams(tab: ReportTab): Params {
    const branch = usesBranch(tab) ? this.branch() : undefined;
    return branch ? { tab, branch } : { tab };
  }

  protected filterBranch(branch: string | undefined): void {
    this.setQuery({ branch: branch ?? null, cursor: null });
  }

  /** Dates are set as they are typed: the URL follows without a history entry per keystroke. */
  protected setPeriod({ from, to }: AuditPeriod): void {
    this.setQuery({ from: from ?? null, to: to ?? null }, true);
  }

  private setQuery(queryParams: Params, replaceUrl = false): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams,
      queryParamsHandling: 'merge',
      replaceUrl,
    });
  }
}
