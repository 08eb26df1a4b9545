import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
} from '@angular/core';
import { AuthService } from '../../core/auth/auth.service';
import { HealthApi } from '../../core/health-api';
import { loadState } from '../../core/load-state';
import { CsvExport } from './csv-export';
import { Period, PeriodFilter } from './period-filter';
import { ReportFrame } from './report-frame';

/**
 * 監査ログ出力: the audit trail of a period (JST days, both ends included; none = all) as CSV.
 * There is nothing to list first, so "as of" is the server's clock now, for the signed-in credit union.
 */
@Component({
  selector: 'cd-audit-export',
  imports: [CsvExport, PeriodFilter, ReportFrame],
  template: `
    <cd-report-frame
      [header]="header()"
      [loading]="health().status === 'loading'"
    >
      <cd-period-filter
        filter
        #period
        [from]="from()"
        [to]="to()"
        (periodChange)="periodChange.emit($event)"
      />
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
  readonly from = input<string>();
  readonly to = input<string>();
  readonly periodChange = output<Period>();

  private readonly session = inject(AuthService).session;
  protected readonly health = loadState(inject(HealthApi).get());
  protected readonly header = computed(() => {
    const health = this.health();
    const session = this.session();
    return health.status === 'ready' && session
      ? { asOf: health.value.now, creditUnion: session.creditUnion }
      : null;
  });
  protected readonly filters = computed(() => ({
    from: this.from(),
    to: this.to(),
  }));
}
