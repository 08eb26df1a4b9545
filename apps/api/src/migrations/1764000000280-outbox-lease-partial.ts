import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox's lease index holds only the rows a sender has claimed (`status = 'sending'`), which
 * are all the claim's first arm reads (`claimablePicks`: expired leases, in `lease_until` order). A
 * new notice is pending, so the daily run's inserts no longer write an entry here (one index of
 * seven per notice; figures in docs/notice-run-benchmarks.md), nor does a settled one. The same
 * statement on both databases: each uses a partial index when the query's condition names the
 * same status.
 */
export class OutboxLeasePartial1764000000280 implements MigrationInterface {
  name = 'OutboxLeasePartial1764000000280';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ix_notice_outbox_lease');
    await queryRunner.query(
      "CREATE INDEX ix_notice_outbox_lease ON notice_outbox (lease_until) WHERE status = 'sending'",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ix_notice_outbox_lease');
    await queryRunner.query(
      'CREATE INDEX ix_notice_outbox_lease ON notice_outbox (status, lease_until)',
    );
  }
}
