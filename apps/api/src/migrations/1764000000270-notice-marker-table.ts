import { MigrationInterface, QueryRunner } from 'typeorm';
import { addColumns, dropColumns } from './portable';
// …230's marker on ib_user, for `down`.
import {
  MARK,
  MARKER_COLUMNS,
  MILESTONE_ROW,
} from './1764000000230-notice-marker';

/** Keeps one marker per certificate: the milestone of the statement's row, or of …230's row trigger. */
const UPSERT = (source: string) =>
  `INSERT INTO notice_marker (certificate_id, milestone) ${source}
  ON CONFLICT (certificate_id) DO UPDATE SET milestone = excluded.milestone`;

/**
 * Replaces the outbox's marker trigger: on PostgreSQL its function gets `body` and the trigger
 * fires `pgTiming`; on SQLite the row trigger runs `sqliteStatement`.
 */
async function replaceMarkerTrigger(
  queryRunner: QueryRunner,
  postgres: boolean,
  trigger: { body: string; pgTiming: string; sqliteStatement: string },
): Promise<void> {
  if (postgres) {
    await queryRunner.query(
      'DROP TRIGGER notice_marker_insert ON notice_outbox',
    );
    await queryRunner.query('DROP FUNCTION notice_marker_keep()');
    await queryRunner.query(`
      CREATE FUNCTION notice_marker_keep() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${trigger.body};
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`CREATE TRIGGER notice_marker_insert AFTER INSERT ON notice_outbox
      ${trigger.pgTiming} EXECUTE FUNCTION notice_marker_keep()`);
  } else {
    await queryRunner.query('DROP TRIGGER notice_marker_insert');
    await queryRunner.query(`CREATE TRIGGER notice_marker_insert AFTER INSERT ON notice_outbox
      WHEN ${MILESTONE_ROW} BEGIN ${trigger.sqliteStatement}; END`);
  }
}

/**
 * The planner's marker (…230: the last milestone queued for a certificate) moves from two columns
 * of `ib_user` to a narrow table of its own, `notice_marker (certificate_id, milestone)`. Setting
 * it on `ib_user` rewrote a wide row with nine indexes (a trigram GIN among them) per notice, which
 * was most of the first daily run's cost (figures in docs/notice-run-benchmarks.md).
 * The planner looks a candidate's marker up by primary key in a correlated subquery, which
 * PostgreSQL runs as an index probe per row whatever its statistics say, so the plan still cannot
 * go quadratic. A trigger on the outbox still sets it in the inserting transaction, so no writer
 * can forget it: on PostgreSQL once per statement (the new rows as a transition table; the lowest
 * = latest milestone a statement queued for a certificate wins), on SQLite once per row.
 */
export class NoticeMarkerTable1764000000270 implements MigrationInterface {
  name = 'NoticeMarkerTable1764000000270';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    // The planner's probe reads the milestone from the key's own index: PostgreSQL's index carries
    // it (index-only once vacuumed), SQLite's table is that index (WITHOUT ROWID).
    await queryRunner.query(
      postgres
        ? `CREATE TABLE notice_marker (certificate_id varchar(36) NOT NULL, milestone integer NOT NULL,
          CONSTRAINT pk_notice_marker PRIMARY KEY (certificate_id) INCLUDE (milestone))`
        : `CREATE TABLE notice_marker (certificate_id varchar(36) NOT NULL PRIMARY KEY,
          milestone integer NOT NULL) WITHOUT ROWID`,
    );
    await queryRunner.query(`INSERT INTO notice_marker (certificate_id, milestone)
      SELECT notice_certificate_id, MIN(notice_milestone) FROM ib_user
      WHERE notice_certificate_id IS NOT NULL AND notice_milestone IS NOT NULL
      GROUP BY notice_certificate_id`);
    await replaceMarkerTrigger(queryRunner, postgres, {
      body: UPSERT(`SELECT DISTINCT ON (certificate_id) certificate_id, milestone FROM queued
        WHERE milestone IS NOT NULL AND certificate_id IS NOT NULL ORDER BY certificate_id, milestone`),
      pgTiming: 'REFERENCING NEW TABLE AS queued FOR EACH STATEMENT',
      sqliteStatement: UPSERT('VALUES (NEW.certificate_id, NEW.milestone)'),
    });
    // Nothing reads the outbox by certificate any more (it served the planner's old NOT EXISTS);
    // every outbox row written paid for it (first run at 1,000,000 certificates 8.5 → 7.8 s).
    await queryRunner.query('DROP INDEX ix_notice_outbox_certificate');
    await dropColumns(queryRunner, 'ib_user', [
      'notice_milestone',
      'notice_certificate_id',
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    await addColumns(queryRunner, 'ib_user', MARKER_COLUMNS);
    await queryRunner.query(`UPDATE ib_user SET notice_certificate_id = current_certificate_id,
      notice_milestone = (SELECT m.milestone FROM notice_marker m WHERE m.certificate_id = ib_user.current_certificate_id)
      WHERE EXISTS (SELECT 1 FROM notice_marker m WHERE m.certificate_id = ib_user.current_certificate_id)`);
    await replaceMarkerTrigger(queryRunner, postgres, {
      body: MARK,
      pgTiming: `FOR EACH ROW WHEN (${MILESTONE_ROW})`,
      sqliteStatement: MARK,
    });
    await queryRunner.query(
      'CREATE INDEX ix_notice_outbox_certificate ON notice_outbox (certificate_id, milestone)',
    );
    await queryRunner.query('DROP TABLE notice_marker');
  }
}
