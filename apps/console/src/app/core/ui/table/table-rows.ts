import {
  ChangeDetectionStrategy,
  Component,
  OnChanges,
  OnDestroy,
  OnInit,
  SimpleChange,
  ViewChild,
  inject,
  input,
} from '@angular/core';
import {
  MatHeaderRowDef,
  MatNoDataRow,
  MatRowDef,
  MatTable,
  MatTableModule,
} from '@angular/material/table';

/**
 * A list page's table rows, put inside the `mat-table` after its columns: the header row, a row per
 * item over `columns`, and the no-data row saying `empty` (loading, or that nothing matches).
 * With `open`, a click on a row outside its links and buttons opens that row.
 */
@Component({
  selector: 'cd-table-rows',
  imports: [MatTableModule],
  template: `
    <tr mat-header-row *matHeaderRowDef></tr>
    <tr
      mat-row
      *matRowDef="let row"
      [class.cd-row]="open()"
      [attr.data-id]="rowId()?.(row)"
      (click)="click(row, $event)"
    ></tr>
    <tr class="mat-mdc-row" *matNoDataRow>
      <td class="mat-mdc-cell cd-empty" [attr.colspan]="columns().length">
        {{ empty() }}
      </td>
    </tr>
  `,
  styleUrl: './table-rows.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TableRows<T> implements OnChanges, OnInit, OnDestroy {
  private readonly table = inject(MatTable);
  readonly columns = input.required<readonly string[]>();
  /** The no-data row's text. */
  readonly empty = input.required<string>();
  readonly open = input<(row: T) => void>();
  /** A row's `data-id` attribute. */
  readonly rowId = input<(row: T) => string>();

  @ViewChild(MatHeaderRowDef, { static: true })
  private readonly headerRow!: MatHeaderRowDef;
  @ViewChild(MatRowDef, { static: true })
  private readonly row!: MatRowDef<T>;
  @ViewChild(MatNoDataRow, { static: true })
  private readonly noDataRow!: MatNoDataRow;

  /**
   * The rows' columns are set here, not bound in the template: the table renders its rows (on its
   * content check) before this component's own view is checked, so a binding there would reach the
   * row definitions one check late; the definitions' `ngOnChanges` sets up their column differ.
   */
  ngOnChanges(): void {
    const columns = this.columns();
    for (const def of [this.headerRow, this.row]) {
      def.columns = columns;
      def.ngOnChanges({ columns: new SimpleChange(undefined, columns, true) });
    }
  }

  ngOnInit(): void {
    this.table.addHeaderRowDef(this.headerRow);
    this.table.addRowDef(this.row);
    this.table.setNoDataRow(this.noDataRow);
  }

  ngOnDestroy(): void {
    this.table.removeHeaderRowDef(this.headerRow);
    this.table.removeRowDef(this.row);
    this.table.setNoDataRow(null);
  }

  protected click(row: T, event: MouseEvent): void {
    const open = this.open();
    if (
      open &&
      !(event.target instanceof Element && event.target.closest('a, button'))
    ) {
      open(row);
    }
  }
}
