import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import { Router } from '@angular/router';
import type { ExpiredUserRow } from '@certdesk/contracts';
import { loadOnChange } from '../../core/async-state';
import { injectQueryState } from '../../core/query-state';
import { BranchFilter } from './branch-filter';
import { CsvExport } from './csv-export';
import {
  CompanyColumn,
  CompanyOfRow,
  IbUserColumn,
  flatIbUser,
} from '../../core/ui/table/list-columns';
import { TableRows } from '../../core/ui/table/table-rows';
import { TextColumn, dayOf } from '../../core/ui/table/text-column';
import { ReportFrame } from './report-frame';
import { ExpiredUsersList, ReportsApi } from './reports-api';

const EMPTY_TEXT: Readonly<Record<ExpiredUsersList, string>> = {
  'locked-out': 'ロックアウト中の利用者はいません',
  'past-limit': '再発行が必要な利用者はいません',
};

/**
 * ロックアウト中（期限切れ） / 期限超過（再発行が必要）: IB users whose certificate has expired,
 * oldest expiry first, 50 a page (keyset: 次へ/前へ through the URL's cursor). A row opens its customer.
 */
@Component({
  selector: 'cd-expired-users-report',
  imports: [
    MatTableModule,
    BranchFilter,
    CompanyColumn,
    CsvExport,
    IbUserColumn,
    ReportFrame,
    TableRows,
    TextColumn,
  ],
  templateUrl: './expired-users-report.html',
  styleUrl: './report-table.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExpiredUsersReport {
  readonly list = input.required<ExpiredUsersList>();

  private readonly api = inject(ReportsApi);
  private readonly router = inject(Router);
  private readonly url = injectQueryState(['branch']);

  protected readonly filters = this.url.query;
  protected readonly cursor = this.url.cursor;
  protected readonly report = loadOnChange(
    computed(() => ({
      list: this.list(),
      branch: this.filters().branch,
      cursor: this.cursor(),
    })),
    ({ list, branch, cursor }) => this.api.expiredUsers(list, branch, cursor),
  );
  protected readonly items = computed(() => this.report().value?.items ?? []);
  protected readonly companyOf = (u: ExpiredUserRow): CompanyOfRow => ({
    customerId: u.customerId,
    name: u.companyName,
    sub: u.companyNameKana,
  });
  protected readonly userOf = flatIbUser;
  protected readonly emptyText = computed(() => EMPTY_TEXT[this.list()]);
  protected readonly columns = [
    'branchCode',
    'branchName',
    'contract',
    'company',
    'user',
    'expiry',
    'days',
    'selfServiceUntil',
  ];

  protected readonly expiry = dayOf('expiryDate');
  protected readonly selfServiceUntil = dayOf('selfServiceUntil');

  /** A row opens its customer (a click outside the company link, which handles its own). */
  protected readonly open = (row: ExpiredUserRow): void => {
    void this.router.navigate(['/customers', row.customerId]);
  };
}
