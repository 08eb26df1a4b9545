import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columns, foreignKey } from './portable';

/** 職員管理 under dual control: changes that wait for a second admin (granting manager/admin, an admin's password reset). */
export class StaffChangeRequests1764000000160 implements MigrationInterface {
  name = 'StaffChangeRequests1764000000160';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'staff_change_request',
        columns: [
          c.id(),
          c.ref('credit_union_id'),
          c.text('kind', 16),
          c.ref('staff_id', true),
          c.text('username', 64),
          c.text('display_name', 100),
          c.text('role', 16, true),
          c.text('from_role', 16, true),
          c.text('status', 16),
          ...c.requestAndDecision(),
        ],
        indices: [
          new TableIndex({
            name: 'ix_staff_change_status',
            columnNames: ['credit_union_id', 'status', 'requested_at'],
          }),
          // One pending change per account (or per new username), whatever races.
          new TableIndex({
            name: 'uq_staff_change_pending',
            columnNames: ['username'],
            isUnique: true,
            where: "status = 'pending'",
          }),
        ],
        foreignKeys: [
          foreignKey('credit_union_id', 'credit_union'),
          foreignKey('staff_id', 'staff_user'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('staff_change_request');
  }
}
