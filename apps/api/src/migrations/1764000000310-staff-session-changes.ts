import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables a staff request's session check reads, and the key each change is announced by. */
const WATCHED = [
  { table: 'staff_session', key: 's' },
  { table: 'staff_user', key: 'u' },
  { table: 'credit_union', key: 'c' },
] as const;

/**
 * Every change of a row the session check reads (a session, its staff member, their credit union)
 * is announced in the writer's own transaction, by whichever process, CLI or SQL makes it, so that a
 * process may keep the check's answer (auth/session-cache.ts) and still refuse a session the moment
 * it is ended, its staff member disabled or their password changed:
 * - PostgreSQL: `pg_notify` on `certdesk_session_changes` with `<key>:<id>` (s, u or c), delivered to
 *   every listening process when the writer commits and never when it rolls back;
 * - SQLite: `staff_session_epoch.epoch` grows by one, read before a kept answer is used (a CLI
 *   process writes the same file).
 * Inserts are not announced: nothing can have kept a row that did not exist. Note (SQLite): a later
 * migration that rebuilds one of these tables drops its triggers and must recreate them.
 */
export class StaffSessionChanges1764000000310 implements MigrationInterface {
  name = 'StaffSessionChanges1764000000310';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query(`
        CREATE FUNCTION staff_session_announce() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM pg_notify('certdesk_session_changes', TG_ARGV[0] || ':' || OLD.id);
          RETURN NULL;
        END
        $$`);
      for (const { table, key } of WATCHED)
        await queryRunner.query(
          `CREATE TRIGGER ${table}_announce AFTER UPDATE OR DELETE ON ${table}
           FOR EACH ROW EXECUTE FUNCTION staff_session_announce('${key}')`,
        );
      return;
    }
    await queryRunner.query(
      `CREATE TABLE staff_session_epoch (id integer PRIMARY KEY CHECK (id = 1), epoch integer NOT NULL)`,
    );
    await queryRunner.query(
      'INSERT INTO staff_session_epoch (id, epoch) VALUES (1, 0)',
    );
    for (const { table } of WATCHED)
      for (const event of ['UPDATE', 'DELETE'])
        await queryRunner.query(
          `CREATE TRIGGER ${table}_announce_${event.toLowerCase()} AFTER ${event} ON ${table}
           BEGIN UPDATE staff_session_epoch SET epoch = epoch + 1 WHERE id = 1; END`,
        );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') {
      for (const { table } of WATCHED)
        await queryRunner.query(
          `DROP TRIGGER IF EXISTS ${table}_announce ON ${table}`,
        );
      await queryRunner.query(
        'DROP FUNCTION IF EXISTS staff_session_announce()',
      );
      return;
    }
    for (const { table } of WATCHED)
      for (const event of ['update', 'delete'])
        await queryRunner.query(
          `DROP TRIGGER IF EXISTS ${table}_announce_${event}`,
        );
    await queryRunner.query('DROP TABLE IF EXISTS staff_session_epoch');
  }
}
