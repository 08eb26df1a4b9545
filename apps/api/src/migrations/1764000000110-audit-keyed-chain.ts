import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { addColumns, appendOnly, columns, dropColumns } from './portable';

/**
 * The keyed audit chain (issue 14): `audit_event.hash_version` (1 = the unkeyed SHA-256 of every record
 * written so far, 2 = HMAC under AUDIT_HMAC_KEY for new ones), and `audit_head`, the daily signed
 * heads of the chains, append-only like `audit_event`. Plain `ALTER TABLE … ADD COLUMN` on both
 * databases: SQLite keeps the table (and its append-only triggers) instead of rebuilding it.
 */
export class AuditKeyedChain1764000000110 implements MigrationInterface {
  name = 'AuditKeyedChain1764000000110';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await addColumns(queryRunner, 'audit_event', [
      'hash_version integer NOT NULL DEFAULT 1',
    ]);
    await queryRunner.createTable(
      new Table({
        name: 'audit_head',
        columns: [
          c.id(),
          c.ref('chain'),
          c.text('recorded_on', 10),
          c.instant('recorded_at'),
          c.int('seq'),
          c.text('hash', 64),
          c.text('signature', 64),
        ],
      }),
    );
    await queryRunner.createIndex(
      'audit_head',
      new TableIndex({
        name: 'ux_audit_head_chain_day',
        columnNames: ['chain', 'recorded_on'],
        isUnique: true,
      }),
    );
    await appendOnly(queryRunner, 'audit_head');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('audit_head');
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query(
        'DROP FUNCTION IF EXISTS audit_head_append_only()',
      );
      await dropColumns(queryRunner, 'audit_event', ['hash_version']);
    }
    // SQLite: the column stays (dropping it would rebuild audit_event and lose its triggers).
  }
}
