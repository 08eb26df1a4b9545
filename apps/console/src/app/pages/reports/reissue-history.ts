import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import type {
  ReissueHistoryReport,
  ReissueHistoryRow,
} from '@certdesk/contracts';
import {
  reissueReasonLabel,
  REISSUE_STATUSES,
  REISSUE_STATUS_LABELS,
} from '@certdesk/domain';
import { formatJstDateTime } from '../../core/jst-datetime';
import { loadOnChange } from '../../core/async-state';
import { injectQueryState } from '../../core/query-state';
import { BranchFilter } from './branch-filter';
import { Choice, ChoiceFilter } from './choice-filter';
import { CsvExport } from './csv-export';
import {
  CompanyColumn,
  CompanyOfRow,
  IbUserColumn,
  flatIbUser,
} from '../../core/ui/table/list-columns';
import { TableRows } from '../../core/ui/table/table-rows';
import { TextColumn } from '../../core/ui/table/text-column';
import { formatMinutes } from './durations';
import { PeriodFilter } from './period-filter';
import { ReportFrame } from './report-frame';
import { ReportsApi } from './reports-api';
import { AuthService } from '../../core/auth/auth.service';

type Summary = ReissueHistoryReport['summary'];

const STATUS_CHOICES: readonly Choice[] = REISSUE_STATUSES.map((s) => ({
  value: s,
  label: REISSUE_STATUS_LABELS[s],
}));

/**
 * 再発行履歴: requests recorded in a period (JST days), newest first, 50 a page, with who asked and
 * who decided, why, and how long approval and the customer's acquisition took; the figures over all
 * the filtered requests above the table.
 */
@Component({
  selector: 'cd-reissue-history',
  imports: [
    MatTableModule,
    BranchFilter,
    ChoiceFilter,
    CompanyColumn,
    CsvExport,
    IbUserColumn,
    PeriodFilter,
    ReportFrame,
    TableRows,
    TextColumn,
  ],
  templateUrl: './reissue-history.html',
  styleUrls: ['./report-table.scss', './report-summary.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReissueHistory {
  private readonly api = inject(ReportsApi);
  private readonly auth = inject(AuthService);
  private readonly url = injectQueryState(['from', 'to', 'status', 'branch']);

  protected readonly filters = this.url.query;
  protected readonly cursor = this.url.cursor;
  protected readonly report = loadOnChange(
    computed(() => ({ filters: this.filters(), cursor: this.cursor() })),
    ({ filters, cursor }) => this.api.reissues(filters, cursor),
  );
  protected readonly items = computed(() => this.report().value?.items ?? []);
  /** 「（承認待ち 1件 ・ 取得済 2件）」: the statuses that occur, in their order. */
  protected readonly statusCounts = computed(() => {
    const byStatus = this.report().value?.summary.byStatus;
    const counts = REISSUE_STATUSES.filter((s) => byStatus && byStatus[s] > 0)
      .map((s) => `${REISSUE_STATUS_LABELS[s]} ${byStatus?.[s]}件`)
      .join(' ・ ');
    return counts ? `（${counts}）` : '';
  });
  protected readonly statusChoices = STATUS_CHOICES;
  protected readonly minutes = formatMinutes;
  /** `2027-02-08` → `2027/02/08`: a last day, short enough for a number column. */
  protected day(date: string): string {
    return date.replaceAll('-', '/');
  }

  /** `2026/11/10 10:00` (JST): tables show instants to the minute. */
  protected minute(instant: string): string {
    return formatJstDateTime(instant).slice(0, 16);
  }
  protected readonly columns = [
    'requested',
    'status',
    'company',
    'user',
    'reason',
    'decided',
    'approval',
    'acquisition',
  ];
  protected readonly companyOf = (x: ReissueHistoryRow): CompanyOfRow => ({
    customerId: x.customerId,
    name: x.companyName,
    sub: `${x.contractNumber} ・ ${x.branchCode} ${x.branchName}`,
  });
  protected readonly userOf = flatIbUser;

  /** 「平均 5時間30分 ・ 中央値 … ・ 最長 …（4件）」, or that there is none yet. */
  protected durations(d: Summary['approval']): string {
    if (d.count === 0) return '該当なし';
    return `平均 ${formatMinutes(d.averageMinutes)} ・ 中央値 ${formatMinutes(d.medianMinutes)} ・ 最長 ${formatMinutes(d.maxMinutes)}（${d.count}件）`;
  }

  protected readonly statusLabel = (row: ReissueHistoryRow): string =>
    REISSUE_STATUS_LABELS[row.status];

  protected reasonLabel(row: ReissueHistoryRow): string {
    return reissueReasonLabel(row.reason, this.auth.policy());
  }
}
