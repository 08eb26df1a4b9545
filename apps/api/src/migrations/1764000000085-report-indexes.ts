import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes of the compliance reports (apps/api/src/app/reports):
 * - the reissue history, newest request first, walks (credit_union_id, requested_at, id) with its keyset cursor;
 * - the notice delivery report counts a period's outbox rows per day, kind, milestone and status from the
 *   index alone (the outbox grows by a couple of rows per certificate and year).
 */
export class ReportIndexes1764000000085 implements MigrationInterface {
  name = 'ReportIndexes1764000000085';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX ix_reissue_requested ON reissue_request (credit_union_id, requested_at, id)',
    );
    await queryRunner.query(
      'CREATE INDEX ix_notice_outbox_report ON notice_outbox (credit_union_id, business_date, kind, milestone, status)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ix_notice_outbox_report');
    await queryRunner.query('DROP INDEX ix_reissue_requested');
  }
}
