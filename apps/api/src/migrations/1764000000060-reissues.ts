import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columns, foreignKey } from './portable';

/** 再発行処理: requests, their decisions and the acquisition authorization they open. */
export class Reissues1764000000060 implements MigrationInterface {
  name = 'Reissues1764000000060';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'reissue_request',
        columns: [
          c.id(),
          c.ref('credit_union_id'),
          c.ref('customer_id'),
          c.ref('ib_user_id'),
          c.text('reason', 20),
          c.text('reason_text', 500, true),
          c.text('identity_check', 200),
          c.date('form_received_on'),
          c.text('status', 16),
          ...c.requestAndDecision(),
          c.date('authorized_until', true),
          c.instant('closed_at', true),
          c.longText('revoked_certificate_ids', true),
        ],
        indices: [
          new TableIndex({
            name: 'ix_reissue_status',
            columnNames: ['credit_union_id', 'status', 'requested_at'],
          }),
          new TableIndex({
            name: 'ix_reissue_ib_user',
            columnNames: ['ib_user_id'],
          }),
          // At most one open request per IB user, whatever races: the database says no to the second.
          new TableIndex({
            name: 'uq_reissue_open',
            columnNames: ['ib_user_id'],
            isUnique: true,
            where: "status IN ('pending', 'authorized')",
          }),
        ],
        foreignKeys: [
          foreignKey('credit_union_id', 'credit_union'),
          foreignKey('customer_id', 'customer'),
          foreignKey('ib_user_id', 'ib_user'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('reissue_request');
  }
}
