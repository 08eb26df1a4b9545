import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';

/** One option of a {@link SelectField}. */
export interface Choice {
  readonly value: string;
  readonly label: string;
}

/** `[value, label]` pairs (e.g. `Object.entries` of a label table) as choices. */
export function choicesOf(
  entries: readonly (readonly [string, string])[],
): Choice[] {
  return entries.map(([value, label]) => ({ value, label }));
}

/**
 * A filter form's pick-one field: 「すべて」 (the empty string) or one of `choices`, bound to the
 * form's `control`.
 */
@Component({
  selector: 'cd-select-field',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatSelectModule],
  template: `
    <mat-form-field>
      <mat-label>{{ label() }}</mat-label>
      <mat-select [formControl]="control()">
        <mat-option value="">すべて</mat-option>
        @for (c of choices(); track c.value) {
          <mat-option [value]="c.value">{{ c.label }}</mat-option>
        }
      </mat-select>
    </mat-form-field>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SelectField {
  readonly label = input.required<string>();
  readonly control = input.required<FormControl<string>>();
  readonly choices = input.required<readonly Choice[]>();
}
