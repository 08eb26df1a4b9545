import {
  ChangeDetectionStrategy,
  Component,
  effect,
  input,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { fromIsoDate, toIsoDate } from '../../core/date-input';
import { PeriodField, PeriodGroup } from '../../core/ui/period-field';

/** A period of JST days, both ends included; a missing end is open. */
export interface Period {
  readonly from?: string;
  readonly to?: string;
}

/**
 * 期間 of a report: a date range shown from the URL, emitted as it is typed (when valid: real
 * dates, 開始日 ≦ 終了日). `invalid()` tells the report to hold its export meanwhile.
 */
@Component({
  selector: 'cd-period-filter',
  imports: [ReactiveFormsModule, PeriodField],
  template: `
    <form [formGroup]="form" [attr.aria-label]="label()">
      <cd-period-field
        [group]="form"
        [label]="label()"
        [hint]="
          invalid()
            ? 'YYYY/MM/DD の形で、開始日 ≦ 終了日 にしてください'
            : '日本時間、両端を含む（空欄で全期間）'
        "
      />
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PeriodFilter {
  readonly from = input<string>();
  readonly to = input<string>();
  readonly label = input('期間');
  readonly periodChange = output<Period>();

  readonly invalid = signal(false);
  protected readonly form: PeriodGroup = new FormGroup({
    from: new FormControl<Date | null>(null),
    to: new FormControl<Date | null>(null),
  });

  constructor() {
    // The URL is the truth: show it (also after back/forward) without echoing it back.
    effect(() => {
      this.form.setValue(
        { from: fromIsoDate(this.from()), to: fromIsoDate(this.to()) },
        { emitEvent: false },
      );
      this.invalid.set(this.form.invalid);
    });
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      this.invalid.set(this.form.invalid);
      if (this.form.invalid) return;
      const { from, to } = this.form.getRawValue();
      this.periodChange.emit({ from: toIsoDate(from), to: toIsoDate(to) });
    });
  }
}
