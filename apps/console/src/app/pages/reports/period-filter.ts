import {
  ChangeDetectionStrategy,
  Component,
  effect,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { fromIsoDate, toIsoDate } from '../../core/date-input';
import { injectQueryState } from '../../core/query-state';
import { PeriodField, PeriodGroup } from '../../core/ui/period-field';

/**
 * 期間 of a report: the URL's `from` and `to` (JST days, both ends included; a missing end is open),
 * set in the URL as they are typed (when valid: real dates, 開始日 ≦ 終了日; no history entry per
 * keystroke; back to the first page). `invalid()` tells the report to hold its export meanwhile.
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
  readonly label = input('期間');

  private readonly url = injectQueryState(['from', 'to']);

  readonly invalid = signal(false);
  protected readonly form: PeriodGroup = new FormGroup({
    from: new FormControl<Date | null>(null),
    to: new FormControl<Date | null>(null),
  });

  constructor() {
    // The URL is the truth: show it (also after back/forward) without echoing it back.
    effect(() => {
      const { from, to } = this.url.query();
      this.form.setValue(
        { from: fromIsoDate(from), to: fromIsoDate(to) },
        { emitEvent: false },
      );
      this.invalid.set(this.form.invalid);
    });
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      this.invalid.set(this.form.invalid);
      if (this.form.invalid) return;
      const { from, to } = this.form.getRawValue();
      this.url.set(
        { from: toIsoDate(from), to: toIsoDate(to) },
        { replaceUrl: true },
      );
    });
  }
}
