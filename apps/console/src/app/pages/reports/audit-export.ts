import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { AuthService } from '../../core/auth/auth.service';
import { HealthApi } from '../../core/health-api';
import { loadOnce } from '../../core/async-state';
import { injectQueryState } from '../../core/query-state';
import { CsvExport } from './csv-export';
import { PeriodFilter } from './period-filter';
import { ReportFrame } from './report-frame';

/**
 * 監査ログ出力: the audit trail of a period (JST days, both ends included; none = all) as CSV.
 * There is nothing to list first, so "as of" is the server's clock now, for the signed-in credit union.
 */
@Component({
  selector: 'cd-audit-export',
  imports: [CsvExport, PeriodFilter, ReportFrame],
  template: `
    <cd-report-frame [report]="frame()">
      <cd-period-filter filter #period />
      <cd-csv-export
        report="audit"
        [filters]="filters()"
        [disabled]="period.invalid()"
      />
    </cd-report-frame>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditExport {
  private readonly session = inject(AuthService).session;
  protected readonly health = loadOnce(inject(HealthApi).get());
  /** The server's clock as the header; a failed health check shows no error here. */
  protected readonly frame = computed(() => {
    const { loading, value: health } = this.health();
    const session = this.session();
    const header =
      health && session
        ? { asOf: health.now, creditUnion: session.creditUnion }
        : null;
    return { loading, value: header, error: null };
  });
  protected readonly filters = injectQueryState(['from', 'to']).query;
}
