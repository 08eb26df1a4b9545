import {
  ChangeDetectionStrategy,
  Component,
  effect,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { injectQueryState } from '../../core/query-state';
import {
  PeriodField,
  periodGroup,
  periodQuery,
  periodValue,
} from '../../core/ui/period-field';

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
  protected readonly form = periodGroup();

  constructor() {
    // The URL is the truth: show it (also after back/forward) without echoing it back.
    effect(() => {
      this.form.setValue(periodValue(this.url.query()), { emitEvent: false });
      this.invalid.set(this.form.invalid);
    });
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      this.invalid.set(this.form.invalid);
      if (this.form.invalid) return;
      this.url.set(periodQuery(this.form.getRawValue()), { replaceUrl: true });
    });
  }
}
