import { Directive, OnDestroy, OnInit, ViewChild, inject } from '@angular/core';
import {
  MatCellDef,
  MatColumnDef,
  MatHeaderCellDef,
  MatTable,
} from '@angular/material/table';

/**
 * A column written once and placed in any list page's table (as Material's `mat-text-column`):
 * the subclass's template holds one `<ng-container matColumnDef>` with its header and cell, and this
 * adds it to the enclosing `mat-table` under `name` (the name the page's `columns` list).
 */
@Directive()
export abstract class TableColumn implements OnInit, OnDestroy {
  private readonly table = inject(MatTable);
  /** The column's name in the table's `columns`. */
  abstract readonly name: () => string;

  @ViewChild(MatColumnDef, { static: true })
  private readonly columnDef!: MatColumnDef;
  @ViewChild(MatCellDef, { static: true })
  private readonly cell!: MatCellDef;
  @ViewChild(MatHeaderCellDef, { static: true })
  private readonly headerCell!: MatHeaderCellDef;

  ngOnInit(): void {
    this.columnDef.name = this.name();
    this.columnDef.cell = this.cell;
    this.columnDef.headerCell = this.headerCell;
    this.table.addColumnDef(this.columnDef);
  }

  ngOnDestroy(): void {
    this.table.removeColumnDef(this.columnDef);
  }
}
