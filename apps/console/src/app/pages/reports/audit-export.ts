import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { AuthService } from '../../core/auth/auth.service';
import {
  fromIsoDate,
  provideJapaneseDateInput,
  toIsoDate,
} from '../../core/date-input';
import { HealthApi } from '../../core/health-api';
import { loadState } from '../../core/load-state';
import { CsvExport } from './csv-export';
import { ReportFrame } from './report-frame';

export interface AuditPeriod {
  readonly from?: string;
  readonly to?: string;
}

/**
 * 監査ログ出力: the audit trail of a period (JST days, both ends included; none = all) as CSV.
 * There is nothing to list first, so "as of" is the server's clock now, for the signed-in credit union.
 */
@Component({
  selector: 'cd-audit-export',
  imports: [
    ReactiveFormsModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatInputModule,
    CsvExport,
    ReportFrame,
  ],
  providers: [provideJapaneseDateInput()],
  template: `
    <cd-report-frame
      [header]="header()"
      [loading]="health().status === 'loading'"
    >
      <form filter [formGroup]="form" aria-label="期間">
        <mat-form-field class="cd-period">
          <mat-label>期間</mat-label>
          <mat-date-range-input [rangePicker]="picker">
            <input matStartDate formControlName="from" placeholder="開始日" />
            <input matEndDate formControlName="to" placeholder="終了日" />
          </mat-date-range-input>
          <mat-datepicker-toggle matIconSuffix [for]="picker" />
          <mat-date-range-picker #picker />
          @if (form.invalid) {
            <mat-error
              >YYYY/MM/DD の形で、開始日 ≦ 終了日 にしてください</mat-error
            >
          } @else {
            <mat-hint
              >YYYY/MM/DD（日本時間、両端を含む。空欄で全期間）</mat-hint
            >
          }
        </mat-form-field>
      </form>
      <cd-csv-export
        report="audit"
        [filters]="filters()"
        [disabled]="form.invalid"
      />
    </cd-report-frame>
  `,
  styles: `
    .cd-period {
      width: 22em;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditExport {
  readonly from = input<string>();
  readonly to = input<string>();
  readonly periodChange = output<AuditPeriod>();

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

  protected readonly form = inject(FormBuilder).group({
    from: null as Date | null,
    to: null as Date | null,
  });

  constructor() {
    // The URL is the truth: show it (also after back/forward) without echoing it back.
    effect(() =>
      this.form.setValue(
        { from: fromIsoDate(this.from()), to: fromIsoDate(this.to()) },
        { emitEvent: false },
      ),
    );
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      if (this.form.invalid) return;
      const { from, to } = this.form.getRawValue();
      this.periodChange.emit({ from: toIsoDate(from), to: toIsoDate(to) });
    });
  }
}
