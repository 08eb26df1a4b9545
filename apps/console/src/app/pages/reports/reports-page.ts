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
import { AuditExport } from './audit-export';
import { ClosureReportView } from './closure-report';
import { ExpiredUsersReport } from './expired-users-report';
import { ExpiryReport } from './expiry-report';
import { NoticeDelivery } from './notice-delivery';
import { Period } from './period-filter';
import { ReissueHistory } from './reissue-history';
import {
  REPORT_TABS,
  ReportTab,
  reportTab,
  usesBranch,
  usesPeriod,
} from './report-tabs';

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
    ClosureReportView,
    ExpiredUsersReport,
    ExpiryReport,
    NoticeDelivery,
    ReissueHistory,
  ],
  // Chart registrations for this page only: chart.js is loaded with it, never in the initial bundle.
  providers: [provideCharts(withDefaultRegisterables())],
  templateUrl: './reports-page.html',
  styles: `
    .cd-page-title {
      margin-bottom: 8px;
    }
    /* Seven reports: a third of Material's side padding keeps every tab in view on a 1280 px screen
       (with more, the last tabs hide behind the pagination arrows). */
    .cd-report-tab {
      min-width: 0;
      padding: 0 8px;
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
  readonly status = input<string>();
  readonly milestone = input<string>();

  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly tabs = REPORT_TABS;
  protected readonly current = computed(() => reportTab(this.tab()));

  /** A tab's link: its first page; the 店番 and the period stay when the tab is filtered by them too. */
  protected tabParams(tab: ReportTab): Params {
    const params: Params = { tab };
    if (usesBranch(tab) && this.branch()) params['branch'] = this.branch();
    if (usesPeriod(tab)) {
      if (this.from()) params['from'] = this.from();
      if (this.to()) params['to'] = this.to();
    }
    return params;
  }

  /** A new filter shows its first page. */
  protected filterBranch(branch: string | undefined): void {
    this.setQuery({ branch: branch ?? null, cursor: null });
  }

  protected filterStatus(status: string | undefined): void {
    this.setQuery({ status: status ?? null, cursor: null });
  }

  protected filterMilestone(milestone: string | undefined): void {
    this.setQuery({ milestone: milestone ?? null });
  }

  /** Dates are set as they are typed: the URL follows without a history entry per keystroke. */
  protected setPeriod({ from, to }: Period): void {
    this.setQuery({ from: from ?? null, to: to ?? null, cursor: null }, true);
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
