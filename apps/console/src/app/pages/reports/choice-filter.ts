import {
  ChangeDetectionStrategy,
  Component,
  input,
  output,
} from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';

export interface Choice {
  readonly value: string;
  readonly label: string;
}

/** A report filter picked from a list (状態, 通知日): 「すべて」 or one choice, emitted at once. */
@Component({
  selector: 'cd-choice-filter',
  imports: [MatFormFieldModule, MatSelectModule],
  template: `
    <mat-form-field class="cd-choice">
      <mat-label>{{ label() }}</mat-label>
      <mat-select
        [value]="value() ?? ''"
        (selectionChange)="valueChange.emit($event.value || undefined)"
      >
        <mat-option value="">すべて</mat-option>
        @for (c of choices(); track c.value) {
          <mat-option [value]="c.value">{{ c.label }}</mat-option>
        }
      </mat-select>
    </mat-form-field>
  `,
  styles: `
    .cd-choice {
      width: 14em;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChoiceFilter {
  readonly label = input.required<string>();
  readonly value = input<string>();
  readonly choices = input.required<readonly Choice[]>();
  readonly valueChange = output<string | undefined>();
}
