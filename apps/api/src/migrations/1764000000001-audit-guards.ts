import { MigrationInterface, QueryRunner } from 'typeorm';

const MESSAGE = 'audit_event is append-only';

/**
 * The audit log is append-only in the database itself, not only by convention: UPDATE and DELETE
 * (and TRUNCATE on PostgreSQL) of `audit_event` fail. The application never changes audit rows.
 * Note (SQLite): a later migration that rebuilds `audit_event` drops these triggers and must recreate them.
 */
export class AuditGuards1764000000001 implements MigrationInterface {
  name = 'AuditGuards1764000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query(`
        CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION '${MESSAGE}';
        END
        $$`);
      await queryRunner.query(`CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event
        FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`);
      await queryRunner.query(`CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
        FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`);
      return;
    }
    for (const [name, event] of [
      ['audit_event_no_update', 'UPDATE'],
      ['audit_event_no_delete', 'DELETE'],
    ]) {
      await queryRunner.query(`CREATE TRIGGER ${name} BEFORE ${event} ON audit_event
        BEGIN SELECT RAISE(ABORT, '${MESSAGE}'); END`);
    }
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
