import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { addColumns, columns, dropColumns, foreignKey } from './portable';

/**
 * 解約・削除 (issue 16): a customer's `status` (`active` / `closed`) and an IB user's (`active` /
 * `removed`) with the JST date, the instant, the reason and where it came from; and
 * `removal_request`, a full-file import's removals held for a second person's approval. Plain
 * `ADD COLUMN` (SQLite keeps the table and its triggers). One pending request per credit union.
 */
export class Closures1764000000210 implements MigrationInterface {
  name = 'Closures1764000000210';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    const instant = c.instantType;
    for (const [table, status, on, at, reason, source] of [
      [
        'customer',
        'status',
        'closed_on',
        'closed_at',
        'closure_reason',
        'closure_source',
      ],
      [
        'ib_user',
        'status',
        'removed_on',
        'removed_at',
        'removal_reason',
        'removal_source',
      ],
    ]) {
      await addColumns(queryRunner, table, [
        `${status} varchar(16) NOT NULL DEFAULT 'active'`,
        `${on} date NULL`,
        `${at} ${instant} NULL`,
        `${reason} varchar(500) NULL`,
        `${source} varchar(16) NULL`,
      ]);
    }
    // The 解約・削除 report: a credit union's closures by date.
    await queryRunner.query(
      'CREATE INDEX ix_customer_closed ON customer (credit_union_id, closed_on) WHERE closed_on IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE INDEX ix_ib_user_removed ON ib_user (credit_union_id, removed_on) WHERE removed_on IS NOT NULL',
    );
    await queryRunner.createTable(
      new Table({
        name: 'removal_request',
        columns: [
          c.id(),
          c.ref('credit_union_id'),
          c.text('status', 16),
          c.text('file_name', 255, true),
          c.text('file_sha256', 64, true),
          /** JSON arrays of the ids the import would close / remove. */
          c.longText('customer_ids'),
          c.longText('ib_user_ids'),
          c.int('closed_customers'),
          c.int('removed_ib_users'),
          c.int('active_customers'),
          c.int('active_ib_users'),
          c.int('threshold_percent'),
          ...c.requestAndDecision(true),
        ],
        indices: [
          new TableIndex({
            name: 'ix_removal_request_status',
            columnNames: ['credit_union_id', 'status', 'requested_at'],
          }),
          new TableIndex({
            name: 'uq_removal_request_pending',
            columnNames: ['credit_union_id'],
            isUnique: true,
            where: "status = 'pending'",
          }),
        ],
        foreignKeys: [foreignKey('credit_union_id', 'credit_union')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('removal_request');
    await queryRunner.query('DROP INDEX ix_ib_user_removed');
    await queryRunner.query('DROP INDEX ix_customer_closed');
    for (const [table, cols] of [
      [
        'customer',
        [
          'closure_source',
          'closure_reason',
          'closed_at',
          'closed_on',
          'status',
        ],
      ],
      [
        'ib_user',
        [
          'removal_source',
          'removal_reason',
          'removed_at',
          'removed_on',
          'status',
        ],
      ],
    ] as const)
      await dropColumns(queryRunner, table, [...cols]);
  }
}
