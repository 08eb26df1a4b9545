import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import { JapaneseDatePipe } from '../../core/japanese-date.pipe';
import { formatJstDateTime } from '../../core/jst-datetime';
import { loadOnChange } from '../../core/async-state';
import { injectQueryState } from '../../core/query-state';
import { CsvExport } from './csv-export';
import { PeriodFilter } from './period-filter';
import { ReportFrame } from './report-frame';
import { ReportsApi } from './reports-api';

/**
 * 解約・削除: customers closed (解約) and IB users removed (削除) in a period (JST days; none = all
 * up to today), newest first, with reason and how (full-file import or by hand); and as CSV.
 */
@Component({
  selector: 'cd-closure-report',
  imports: [
    MatTableModule,
    CsvExport,
    JapaneseDatePipe,
    PeriodFilter,
    ReportFrame,
  ],
  template: `
    @let r = report();
    <cd-report-frame [report]="r">
      <cd-period-filter filter #period label="期間（解約・削除日）" />
      <cd-csv-export
        report="closures"
        [filters]="filters()"
        [disabled]="period.invalid()"
      />
      @if (r.value; as v) {
        <dl class="cd-summary" data-testid="closure-totals">
          <dt>合計</dt>
          <dd>
            解約（ご契約先） {{ v.closedCustomers }}件 ・ 削除（利用者）
            {{ v.removedIbUsers }}件
          </dd>
        </dl>
        @if (v.rows.length) {
          <div class="cd-table-scroll">
            <table mat-table [dataSource]="v.rows" class="cd-table">
              <ng-container matColumnDef="kind">
                <th mat-header-cell *matHeaderCellDef>区分</th>
                <td mat-cell *matCellDef="let x">{{ x.kindLabel }}</td>
              </ng-container>
              <ng-container matColumnDef="on">
                <th mat-header-cell *matHeaderCellDef>解約・削除日</th>
                <td mat-cell *matCellDef="let x" class="cd-nowrap">
                  {{ x.closedOn | jaDate }}
                  <div class="cd-sub">{{ time(x.closedAt) }}</div>
                </td>
              </ng-container>
              <ng-container matColumnDef="customer">
                <th mat-header-cell *matHeaderCellDef>ご契約先</th>
                <td mat-cell *matCellDef="let x">
                  {{ x.companyName }}
                  <div class="cd-sub">{{ x.contractNumber }}</div>
                </td>
              </ng-container>
              <ng-container matColumnDef="user">
                <th mat-header-cell *matHeaderCellDef>利用者</th>
                <td mat-cell *matCellDef="let x">
                  {{ x.ibUserName ?? '—' }}
                  @if (x.loginId) {
                    <div class="cd-sub">{{ x.loginId }}</div>
                  }
                </td>
              </ng-container>
              <ng-container matColumnDef="reason">
                <th mat-header-cell *matHeaderCellDef>理由</th>
                <td mat-cell *matCellDef="let x">
                  {{ x.reason ?? '—' }}
                  <div class="cd-sub">{{ x.sourceLabel }}</div>
                </td>
              </ng-container>
              <tr mat-header-row *matHeaderRowDef="columns"></tr>
              <tr mat-row *matRowDef="let row; columns: columns"></tr>
            </table>
          </div>
        } @else {
          <p class="cd-muted" data-testid="closure-empty">
            この期間の解約・削除はありません
          </p>
        }
      }
    </cd-report-frame>
  `,
  styleUrls: ['./report-table.scss', './report-summary.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ClosureReportView {
  private readonly api = inject(ReportsApi);
  protected readonly filters = injectQueryState(['from', 'to']).query;
  protected readonly report = loadOnChange(this.filters, (filters) =>
    this.api.closures(filters),
  );
  protected readonly columns = ['kind', 'on', 'customer', 'user', 'reason'];
  protected readonly time = formatJstDateTime;
}
