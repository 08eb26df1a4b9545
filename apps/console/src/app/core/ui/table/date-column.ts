import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import { JapaneseDatePipe } from '../../japanese-date.pipe';
import { TableColumn } from './table-column';

/**
 * A day in a list page's table (put inside the `mat-table`, name it in `columns`): `header` over the
 * row's `field` (`YYYY-MM-DD`) written as 2026年12月1日(火), on one line; empty when the row has none.
 */
@Component({
  selector: 'cd-date-column',
  imports: [MatTableModule, JapaneseDatePipe],
  template: `<ng-container matColumnDef>
    <th mat-header-cell *matHeaderCellDef>{{ header() }}</th>
    <td mat-cell *matCellDef="let row" class="cd-nowrap">
      {{ dayOf(row) | jaDate }}
    </td>
  </ng-container>`,
  styles: `
    .cd-nowrap {
      white-space: nowrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DateColumn extends TableColumn {
  readonly name = input.required<string>();
  readonly header = input.required<string>();
  /** The row's property holding the day. */
  readonly field = input.required<string>();

  protected dayOf(row: object): string | null | undefined {
    return (row as Record<string, string | null | undefined>)[this.field()];
  }
}
