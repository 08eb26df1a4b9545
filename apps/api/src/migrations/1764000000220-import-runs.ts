import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columns, foreignKey } from './portable';

/** 取込履歴 (issue 16): customer files uploaded in the console or picked up from the inbox. */
export class ImportRuns1764000000220 implements MigrationInterface {
  name = 'ImportRuns1764000000220';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'import_run',
        columns: [
          c.id(),
          c.ref('credit_union_id', true),
          c.text('source', 16),
          c.text('status', 16),
          c.text('file_name', 255),
          c.int('file_size'),
          c.text('sha256', 64),
          c.text('claim_sha256', 64, true),
          c.text('encoding', 16, true),
          c.bool('full', false),
          c.int('lines'),
          c.int('error_count'),
          c.ref('created_by_id', true),
          c.text('created_by_name', 100),
          c.instant('created_at'),
          c.ref('decided_by_id', true),
          c.text('decided_by_name', 100, true),
          c.instant('claimed_at', true),
          c.instant('finished_at', true),
          c.longText('summary', true),
          c.longText('details', true),
          c.text('message', 1000, true),
          c.longText('content', true),
        ],
        indices: [
          new TableIndex({
            name: 'ix_import_run_history',
            columnNames: ['credit_union_id', 'created_at'],
          }),
          new TableIndex({
            name: 'ix_import_run_status',
            columnNames: ['status', 'source'],
          }),
          // The inbox's claim: one file (by content) applied, or being applied, at most once.
          new TableIndex({
            name: 'uq_import_run_claim',
            columnNames: ['claim_sha256'],
            isUnique: true,
          }),
        ],
        foreignKeys: [foreignKey('credit_union_id', 'credit_union')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('import_run');
  }
}
