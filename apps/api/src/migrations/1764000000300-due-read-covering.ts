import { MigrationInterface, QueryRunner } from 'typeorm';

/** What the daily notice run's due read tests and takes of each IB user of a window. */
const COVERED =
  'current_revoked, reissue_state, current_certificate_id, customer_id, id';

/**
 * On SQLite the expiry index also carries what the notice planner's due read
 * (notice-candidate.repository.ts) tests and takes of each IB user of a window — unrevoked, no
 * reissue open, the current certificate whose marker it probes, the customer and the id it queues —
 * so that a run reads the index alone instead of one table row per IB user: on a steady day it
 * passes over every one of them (163,732 at 1,000,000 certificates). At that size the index grows
 * from 53 to 160 MB; a steady run takes 0.20 s instead of 0.66–0.93 s, a first run 3.2 s instead of
 * 3.6 s. PostgreSQL keeps its index: the same columns (`INCLUDE`) made it 193 MB instead of 7.4 MB
 * (an index with included columns is not deduplicated) for a steady run of 0.35 s instead of
 * 0.55 s, within its target already. On SQLite a revocation, a reissue, an issuance or a customer change
 * now rewrites this entry too, three times the old one's size. The dropped index's statistics go
 * with it: they are taken again at once (SQLite would otherwise guess ~10 IB users per credit union
 * on it and could plan other `ib_user` statements by it). Figures in docs/notice-run-benchmarks.md.
 */
export class DueReadCovering1764000000300 implements MigrationInterface {
  name = 'DueReadCovering1764000000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') return;
    await queryRunner.query('DROP INDEX ix_ib_user_expiry');
    await queryRunner.query(
      `CREATE INDEX ix_ib_user_expiry ON ib_user (credit_union_id, current_expiry_date, ${COVERED})`,
    );
    await queryRunner.query('ANALYZE ib_user');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') return;
    await queryRunner.query('DROP INDEX ix_ib_user_expiry');
    await queryRunner.query(
      'CREATE INDEX ix_ib_user_expiry ON ib_user (credit_union_id, current_expiry_date)',
    );
    await queryRunner.query('ANALYZE ib_user');
  }
}
