import { MigrationInterface, QueryRunner } from 'typeorm';
import { addColumns, dropColumns } from './portable';

/** Only an outbox row for the IB user's current certificate moves its marker. */
export const MARK = `UPDATE ib_user SET notice_certificate_id = NEW.certificate_id, notice_milestone = NEW.milestone
  WHERE id = NEW.ib_user_id AND current_certificate_id = NEW.certificate_id`;
/** The outbox rows that move a marker: a milestone notice of a certificate. */
export const MILESTONE_ROW =
  'NEW.milestone IS NOT NULL AND NEW.certificate_id IS NOT NULL';

/** The marker on `ib_user`: the certificate and milestone of the last milestone notice queued. */
export const MARKER_COLUMNS = [
  'notice_certificate_id varchar(36) NULL',
  'notice_milestone integer NULL',
];

/**
 * The last milestone notice queued for an IB user's current certificate, on the IB user's row
 * (`notice_certificate_id`, `notice_milestone`) — as Boulder keeps the last reminder sent on the
 * certificate's status row. The daily planner reads the IB users of a milestone's window and skips
 * those whose marker already names their current certificate and that milestone, so it never reads
 * `notice_outbox` while it fills it: its cost does not hang on statistics its own inserts make
 * stale (a `NOT EXISTS` on the outbox went quadratic at 1M certificates). A trigger on the outbox
 * sets the marker in the inserting transaction, so no writer can forget it; the outbox's unique
 * `dedupe_key` still makes each notice once-ever. Existing rows get the lowest (= latest) milestone
 * queued for their current certificate. Plain `ADD COLUMN` (SQLite keeps the table and its triggers).
 */
export class NoticeMarker1764000000230 implements MigrationInterface {
  name = 'NoticeMarker1764000000230';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    await addColumns(queryRunner, 'ib_user', MARKER_COLUMNS);
    await queryRunner.query(`UPDATE ib_user SET notice_certificate_id = current_certificate_id,
      notice_milestone = (SELECT MIN(o.milestone) FROM notice_outbox o
        WHERE o.certificate_id = ib_user.current_certificate_id AND o.milestone IS NOT NULL)
      WHERE EXISTS (SELECT 1 FROM notice_outbox o
        WHERE o.certificate_id = ib_user.current_certificate_id AND o.milestone IS NOT NULL)`);
    if (postgres) {
      await queryRunner.query(`
        CREATE FUNCTION notice_marker_keep() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          ${MARK};
          RETURN NULL;
        END
        $$`);
      await queryRunner.query(`CREATE TRIGGER notice_marker_insert AFTER INSERT ON notice_outbox FOR EACH ROW
        WHEN (${MILESTONE_ROW}) EXECUTE FUNCTION notice_marker_keep()`);
    } else {
      await queryRunner.query(`CREATE TRIGGER notice_marker_insert AFTER INSERT ON notice_outbox
        WHEN ${MILESTONE_ROW} BEGIN ${MARK}; END`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query(
        'DROP TRIGGER IF EXISTS notice_marker_insert ON notice_outbox',
      );
      await queryRunner.query('DROP FUNCTION IF EXISTS notice_marker_keep()');
    } else {
      await queryRunner.query('DROP TRIGGER IF EXISTS notice_marker_insert');
    }
    await dropColumns(queryRunner, 'ib_user', [
      'notice_milestone',
      'notice_certificate_id',
    ]);
  }
}
