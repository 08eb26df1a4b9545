import { ChangeDetectionStrategy, Component, computed } from '@angular/core';
import { MatTabsModule } from '@angular/material/tabs';
import { Params, RouterLink } from '@angular/router';
import { injectQueryState } from '../../core/query-state';
import { provideCharts, withDefaultRegisterables } from 'ng2-charts';
import { AuditExport } from './audit-export';
import { ClosureReportView } from './closure-report';
import { ExpiredUsersReport } from './expired-users-report';
import { ExpiryReport } from './expiry-report';
import { NoticeDelivery } from './notice-delivery';
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
 * "as of" line and 「CSV出力」. The URL holds the tab and its filters (bookmarkable, back/forward):
 * each tab and its filter fields read and set them there (`injectQueryState`).
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
  private readonly query = injectQueryState(['tab', 'branch', 'from', 'to'])
    .query;

  protected readonly tabs = REPORT_TABS;
  protected readonly current = computed(() => reportTab(this.query().tab));

  /** A tab's link: its first page; the 店番 and the period stay when the tab is filtered by them too. */
  protected tabParams(tab: ReportTab): Params {
    const { branch, from, to } = this.query();
    const params: Params = { tab };
    if (usesBranch(tab) && branch) params['branch'] = branch;
    if (usesPeriod(tab)) {
      if (from) params['from'] = from;
      if (to) params['to'] = to;
    }
    return params;
  }
}
