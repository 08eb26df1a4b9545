import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import {
  fromIsoDate,
  provideJapaneseDateInput,
  toIsoDate,
} from '../date-input';

/** The `from`/`to` days of a filter form (local midnight as the datepicker holds them). */
export type PeriodGroup = FormGroup<{
  from: FormControl<Date | null>;
  to: FormControl<Date | null>;
}>;

/** An empty period group, for a filter form. */
export function periodGroup(): PeriodGroup {
  return new FormGroup({
    from: new FormControl<Date | null>(null),
    to: new FormControl<Date | null>(null),
  });
}

/** A query's `from`/`to` (`YYYY-MM-DD`) as the period group's value. */
export function periodValue(query: { from?: string; to?: string }): {
  from: Date | null;
  to: Date | null;
} {
  return { from: fromIsoDate(query.from), to: fromIsoDate(query.to) };
}

/** The period group's value as a query's `from`/`to` (`YYYY-MM-DD`, undefined when empty). */
export function periodQuery(value: { from: Date | null; to: Date | null }): {
  from?: string;
  to?: string;
} {
  return { from: toIsoDate(value.from), to: toIsoDate(value.to) };
}

/**
 * 期間: a date range typed or picked as 2026/12/01, bound to a filter form's `{ from, to }` group
 * (`toIsoDate` turns each into `YYYY-MM-DD`).
 */
@Component({
  selector: 'cd-period-field',
  imports: [ReactiveFormsModule, MatDatepickerModule, MatFormFieldModule],
  providers: [provideJapaneseDateInput()],
  template: `
    <mat-form-field class="cd-period" [formGroup]="group()">
      <mat-label>{{ label() }}</mat-label>
      <mat-date-range-input [rangePicker]="picker">
        <input matStartDate formControlName="from" placeholder="開始日" />
        <input matEndDate formControlName="to" placeholder="終了日" />
      </mat-date-range-input>
      <mat-datepicker-toggle matIconSuffix [for]="picker" />
      <mat-date-range-picker #picker />
      <mat-hint>{{ hint() }}</mat-hint>
    </mat-form-field>
  `,
  styles: `
    .cd-period {
      width: 20em;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PeriodField {
  readonly group = input.required<PeriodGroup>();
  readonly label = input('期間');
  readonly hint = input('YYYY/MM/DD');
}
