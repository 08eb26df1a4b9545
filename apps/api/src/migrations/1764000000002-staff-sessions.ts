import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columns, foreignKey } from './portable';

/** Server-side staff sessions: the cookie holds a random token, this table only its SHA-256. */
export class StaffSessions1764000000002 implements MigrationInterface {
  name = 'StaffSessions1764000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'staff_session',
        columns: [
          { ...c.text('id', 64), isPrimary: true },
          c.ref('staff_user_id'),
          c.ref('credit_union_id'),
          c.instant('created_at'),
          c.instant('last_seen_at'),
          c.instant('expires_at'),
          c.instant('ended_at', true),
          c.text('end_reason', 16, true),
          c.text('ip', 64, true),
          c.text('user_agent', 256, true),
        ],
        indices: [
          new TableIndex({
            name: 'ix_staff_session_staff',
            columnNames: ['staff_user_id'],
          }),
        ],
        foreignKeys: [
          foreignKey('staff_user_id', 'staff_user'),
          foreignKey('credit_union_id', 'credit_union'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('staff_session');
  }
}
