import { QueryRunner, TableColumnOptions, TableForeignKey } from 'typeorm';

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
  const ref = (name: string, nullable = false) =>
    col(name, 'varchar', { length: '36', isNullable: nullable });
  const text = (name: string, length: number, nullable = false) =>
    col(name, 'varchar', { length: String(length), isNullable: nullable });
  const instant = (name: string, nullable = false) =>
    col(name, instantType(queryRunner), { isNullable: nullable });
  return {
    postgres,
    /** The SQL type of an instant, for plain `ADD COLUMN` statements. */
    instantType: instantType(queryRunner),
    id: (): TableColumnOptions =>
      col('id', 'varchar', { length: '36', isPrimary: true }),
    ref,
    text,
    longText: (name: string, nullable = false) =>
      col(name, 'text', { isNullable: nullable }),
    int: (name: string, def?: number) =>
      col(name, 'integer', def === undefined ? {} : { default: def }),
    bool: (name: string, def: boolean) =>
      col(name, 'boolean', { default: postgres ? String(def) : def ? 1 : 0 }),
    date: (name: string, nullable = false) =>
      col(name, 'date', { isNullable: nullable }),
    instant,
    /**
     * A request under dual control (再発行, staff changes, held removals): who asked and when, then
     * who decided, when and with what comment (the entities' `DecisionColumns`).
     */
    requestAndDecision: (requesterNullable = false): TableColumnOptions[] => [
      ref('requested_by_id', requesterNullable),
      text('requested_by_name', 100),
      instant('requested_at'),
      ref('decided_by_id', true),
      text('decided_by_name', 100, true),
      instant('decided_at', true),
      text('decision_comment', 500, true),
    ],
  };
}

/**
 * Makes `table` append-only in the database itself: UPDATE and DELETE (and TRUNCATE on PostgreSQL)
 * fail with "<table> is append-only". PostgreSQL: the function `<table>_append_only()` and the
 * triggers `<table>_no_change` and `<table>_no_truncate`; SQLite: `<table>_no_update` and
 * `<table>_no_delete` (a rebuild of the table drops them).
 */
export async function appendOnly(
  queryRunner: QueryRunner,
  table: string,
): Promise<void> {
  const message = `${table} is append-only`;
  if (queryRunner.connection.options.type === 'postgres') {
    await queryRunner.query(`
        CREATE FUNCTION ${table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION '${message}';
        END
        $$`);
    await queryRunner.query(`CREATE TRIGGER ${table}_no_change BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`);
    await queryRunner.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION ${table}_append_only()`);
    return;
  }
  for (const [name, event] of [
    [`${table}_no_update`, 'UPDATE'],
    [`${table}_no_delete`, 'DELETE'],
  ]) {
    await queryRunner.query(`CREATE TRIGGER ${name} BEFORE ${event} ON ${table}
        BEGIN SELECT RAISE(ABORT, '${message}'); END`);
  }
}

/** A foreign key from `column` to the `id` of `referencedTableName`. */
export function foreignKey(
  column: string,
  referencedTableName: string,
): TableForeignKey {
  return new TableForeignKey({
    columnNames: [column],
    referencedTableName,
    referencedColumnNames: ['id'],
  });
}

/** The SQL type of an instant: `timestamptz` on PostgreSQL, `datetime` (UTC text) on SQLite. */
export function instantType(queryRunner: QueryRunner): string {
  return queryRunner.connection.options.type === 'postgres'
    ? 'timestamptz'
    : 'datetime';
}

/** Runs `ALTER TABLE <table> <clause>` for each clause, one statement each in the order given. */
async function alterEach(
  queryRunner: QueryRunner,
  table: string,
  clauses: string[],
): Promise<void> {
  for (const clause of clauses)
    await queryRunner.query(`ALTER TABLE ${table} ${clause}`);
}

/** A change of columns of `table`, one plain `ALTER TABLE` statement each, in the order given. */
type ColumnChange = (
  queryRunner: QueryRunner,
  table: string,
  columns: string[],
) => Promise<void>;

/**
 * Adds columns (`<name> <type> …` each) with plain `ADD COLUMN`: SQLite then keeps the table and its
 * triggers (TypeORM's addColumn would rebuild it).
 */
export const addColumns: ColumnChange = (queryRunner, table, definitions) =>
  alterEach(
    queryRunner,
    table,
    definitions.map((d) => `ADD COLUMN ${d}`),
  );

/** Drops columns by name with `DROP COLUMN`. */
export const dropColumns: ColumnChange = (queryRunner, table, names) =>
  alterEach(
    queryRunner,
    table,
    names.map((name) => `DROP COLUMN ${name}`),
  );
