import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import { JapaneseDatePipe } from '../../japanese-date.pipe';
import { TableColumn } from './table-column';

const jaDate = new JapaneseDatePipe();

/** A text column's `text` for a day: the row's `field` (`YYYY-MM-DD`) as 2026年12月1日(火), empty when none. */
export function dayOf<K extends string>(
  field: K,
): (row: { readonly [P in K]: string | null | undefined }) => string {
  return (row) => jaDate.transform(row[field]);
}

/**
 * A one-line text in a list page's table (put inside the `mat-table`, name it in `columns`):
 * `header` over what `text` makes of the row (a time, a status label), not wrapped.
 */
@Component({
  selector: 'cd-text-column',
  imports: [MatTableModule],
  template: `<ng-container matColumnDef>
    <th mat-header-cell *matHeaderCellDef>{{ header() }}</th>
    <td mat-cell *matCellDef="let row" class="cd-nowrap">
      {{ text()(row) }}
    </td>
  </ng-container>`,
  styles: `
    .cd-nowrap {
      white-space: nowrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TextColumn<T> extends TableColumn {
  readonly name = input.required<string>();
  readonly header = input.required<string>();
  readonly text = input.required<(row: T) => string>();
}
