import { Column, ColumnOptions } from 'typeorm';

/** An instant: `timestamptz` on PostgreSQL (created by the migrations), UTC `datetime` on SQLite. */
export function InstantColumn(
  options: Omit<ColumnOptions, 'type'> = {},
): PropertyDecorator {
  return Column({ ...options, type: Date });
}
