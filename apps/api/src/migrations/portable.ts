import { QueryRunner, TableColumnOptions } from 'typeorm';

/**
 * Column builders for migrations that run unchanged on SQLite and PostgreSQL.
 * Instants are `timestamptz` on PostgreSQL and `datetime` (UTC text) on SQLite.
 */
export function columns(queryRunner: QueryRunner) {
  const postgres = queryRunner.connection.options.type === 'postgres';
  const col = (
    name: string,
    type: string,
    extra: Partial<TableColumnOptions> = {},
  ): TableColumnOptions => ({
    name,
    type,
    isNullable: false,
    ...extra,
  });
  return {
    postgres,
    id: (): TableColumnOptions =>
      col('id', 'varchar', { length: '36', isPrimary: true }),
    ref: (name: string, nullable = false) =>
      col(name, 'varchar', { length: '36', isNullable: nullable }),
    text: (name: string, length: number, nullable = false) =>
      col(name, 'varchar', { length: String(length), isNullable: nullable }),
    longText: (name: string, nullable = false) =>
      col(name, 'text', { isNullable: nullable }),
    int: (name: string, def?: number) =>
      col(name, 'integer', def === undefined ? {} : { default: def }),
    bool: (name: string, def: boolean) =>
      col(name, 'boolean', { default: postgres ? String(def) : def ? 1 : 0 }),
    date: (name: string, nullable = false) =>
      col(name, 'date', { isNullable: nullable }),
    instant: (name: string, nullable = false) =>
      col(name, postgres ? 'timestamptz' : 'datetime', {
        isNullable: nullable,
      }),
  };
}
