import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columns, foreignKey } from './portable';

/**
 * The IB channel: certificate log-on finds the presented certificate by its SHA-256 fingerprint,
 * and renewal sessions (更新前処理) are single-use rows.
 */
export class IbChannel1764000000080 implements MigrationInterface {
  name = 'IbChannel1764000000080';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.createIndex(
      'certificate',
      new TableIndex({
        name: 'ix_certificate_fingerprint',
        columnNames: ['fingerprint_sha256'],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'ib_renewal_session',
        columns: [
          c.id(),
          c.ref('credit_union_id'),
          c.ref('ib_user_id'),
          c.ref('certificate_id'),
          c.text('action', 16),
          c.instant('created_at'),
          c.instant('expires_at'),
          c.instant('used_at', true),
          c.ref('issued_certificate_id', true),
        ],
        indices: [
          new TableIndex({
            name: 'ix_ib_renewal_session_user',
            columnNames: ['ib_user_id', 'created_at'],
          }),
        ],
        foreignKeys: [
          foreignKey('credit_union_id', 'credit_union'),
          foreignKey('ib_user_id', 'ib_user'),
          foreignKey('certificate_id', 'certificate'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('ib_renewal_session');
    await queryRunner.dropIndex('certificate', 'ix_certificate_fingerprint');
  }
}
