import { MigrationInterface, QueryRunner } from 'typeorm';
import { appendOnly } from './portable';

/**
 * The audit log is append-only in the database itself, not only by convention: UPDATE and DELETE
 * (and TRUNCATE on PostgreSQL) of `audit_event` fail. The application never changes audit rows.
 * Note (SQLite): a later migration that rebuilds `audit_event` drops these triggers and must recreate them.
 */
export class AuditGuards1764000000001 implements MigrationInterface {
  name = 'AuditGuards1764000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await appendOnly(queryRunner, 'audit_event');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query(
        'DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_event',
      );
      await queryRunner.query(
        'DROP TRIGGER IF EXISTS audit_event_no_change ON audit_event',
      );
      await queryRunner.query(
        'DROP FUNCTION IF EXISTS audit_event_append_only()',
      );
      return;
    }
    await queryRunner.query('DROP TRIGGER IF EXISTS audit_event_no_delete');
    await queryRunner.query('DROP TRIGGER IF EXISTS audit_event_no_update');
  }
}
