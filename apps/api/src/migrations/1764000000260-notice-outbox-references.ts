import { MigrationInterface, QueryRunner } from 'typeorm';

/** The outbox columns whose foreign keys go (the parents are never deleted: closures only mark them). */
const LOOSE = [
  ['ib_user_id', 'ib_user'],
  ['customer_id', 'customer'],
  ['certificate_id', 'certificate'],
] as const;

const constraint = (column: string) =>
  `fk_notice_outbox_${column.replace(/_id$/, '')}`;
const clause = (column: string, parent: string) =>
  `CONSTRAINT "${constraint(column)}" FOREIGN KEY ("${column}") REFERENCES "${parent}" ("id")`;
/** A foreign key clause of SQLite's stored `CREATE TABLE` text on one of the loose columns. */
const SQLITE_LOOSE_FK =
  /,\s*CONSTRAINT "[^"]*" FOREIGN KEY \("(ib_user_id|customer_id|certificate_id)"\) REFERENCES "[^"]*" \("id"\)(?: ON (?:DELETE|UPDATE) (?:NO ACTION|RESTRICT|CASCADE|SET NULL|SET DEFAULT))*/g;

/**
 * The outbox keeps its foreign keys to `credit_union` and `notice_run` but drops those to
 * `ib_user`, `customer` and `certificate`: every writer (the daily planner, the reissue notice)
 * writes ids it has just read in the same transaction or run, and no code path deletes an IB user,
 * a customer or a certificate (解約・削除 only mark them; retention deletes outbox rows, not
 * their parents). The checks cost more than the rest of the planner's write: on PostgreSQL each
 * is a row lock on the parent per outbox row (figures in docs/notice-run-benchmarks.md). SQLite
 * cannot drop a constraint, so there the table is rebuilt from its own stored definition without
 * those clauses, and its indexes and triggers (the marker trigger of …230) are created again from
 * theirs.
 */
export class NoticeOutboxReferences1764000000260 implements MigrationInterface {
  name = 'NoticeOutboxReferences1764000000260';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres')
      return rebuildSqlite(queryRunner, (sql) => {
        const dropped = [...sql.matchAll(SQLITE_LOOSE_FK)].map((m) => m[1]);
        if (dropped.sort().join() !== 'certificate_id,customer_id,ib_user_id')
          throw new Error(
            `notice_outbox: expected the foreign keys of ${LOOSE.map(([c]) => c).join(', ')}, found ${dropped.join(', ') || 'none'}`,
          );
        return sql.replace(SQLITE_LOOSE_FK, '');
      });
    const names: { conname: string }[] = await queryRunner.query(
      `SELECT conname FROM pg_constraint WHERE conrelid = 'notice_outbox'::regclass AND contype = 'f'
        AND confrelid IN ('ib_user'::regclass, 'customer'::regclass, 'certificate'::regclass)`,
    );
    for (const { conname } of names)
      await queryRunner.query(
        `ALTER TABLE notice_outbox DROP CONSTRAINT "${conname}"`,
      );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres')
      return rebuildSqlite(queryRunner, (sql) =>
        sql.replace(
          /\)\s*$/,
          `, ${LOOSE.map(([c, p]) => clause(c, p)).join(', ')})`,
        ),
      );
    for (const [column, parent] of LOOSE)
      await queryRunner.query(
        `ALTER TABLE notice_outbox ADD ${clause(column, parent)}`,
      );
  }
}

/**
 * SQLite's way to change a constraint: a new table from the old one's stored definition (changed
 * by `change`), the rows copied, the old one dropped and the new one renamed; then the old table's
 * indexes and triggers are created again from their stored definitions.
 */
async function rebuildSqlite(
  queryRunner: QueryRunner,
  change: (createTable: string) => string,
): Promise<void> {
  const [table]: { sql: string }[] = await queryRunner.query(
    `SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'notice_outbox'`,
  );
  const dependants: { sql: string }[] = await queryRunner.query(
    `SELECT sql FROM sqlite_master WHERE tbl_name = 'notice_outbox' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name`,
  );
  const created = change(table.sql).replace(
    /^CREATE TABLE "?notice_outbox"?/,
    'CREATE TABLE "notice_outbox_rebuilt"',
  );
  await queryRunner.query(created);
  await queryRunner.query(
    'INSERT INTO notice_outbox_rebuilt SELECT * FROM notice_outbox',
  );
  await queryRunner.query('DROP TABLE notice_outbox');
  await queryRunner.query(
    'ALTER TABLE notice_outbox_rebuilt RENAME TO notice_outbox',
  );
  for (const { sql } of dependants) await queryRunner.query(sql);
}
