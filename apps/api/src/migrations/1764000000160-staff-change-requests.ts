import {
  MigrationInterface,
  QueryRunner,
  Table,
  TableForeignKey,
  TableIndex,
} from 'typeorm';
import { columns } from './portable';

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
          c.ref('requested_by_id'),
          c.text('requested_by_name', 100),
          c.instant('requested_at'),
          c.ref('decided_by_id', true),
          c.text('decided_by_name', 100, true),
          c.instant('decided_at', true),
          c.text('decision_comment', 500, true),
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
          new TableForeignKey({
            columnNames: ['credit_union_id'],
            referencedTableName: 'credit_union',
            referencedColumnNames: ['id'],
          }),
          new TableForeignKey({
            columnNames: ['staff_id'],
            referencedTableName: 'staff_user',
            referencedColumnNames: ['id'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('staff_change_request');
  }
}
