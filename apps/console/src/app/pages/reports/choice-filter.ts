import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { injectQueryState } from '../../core/query-state';

export interface Choice {
  readonly value: string;
  readonly label: string;
}

/** A report filter picked from a list (状態, 通知日): 「すべて」 or one choice, set in the URL at once. */
@Component({
  selector: 'cd-choice-filter',
  imports: [MatFormFieldModule, MatSelectModule],
  template: `
    <mat-form-field class="cd-choice">
      <mat-label>{{ label() }}</mat-label>
      <mat-select
        [value]="value() ?? ''"
        (selectionChange)="choose($event.value)"
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
  /** The query parameter it sets. */
  readonly param = input.required<'status' | 'milestone'>();
  readonly choices = input.required<readonly Choice[]>();

  private readonly url = injectQueryState(['status', 'milestone']);
  protected readonly value = computed(() => this.url.query()[this.param()]);

  protected choose(value: string): void {
    this.url.set({ [this.param()]: value || undefined });
  }
}
