import { MigrationInterface, QueryRunner } from 'typeorm';

const SORT_KEY = `credit_union_id, (COALESCE(current_expiry_date, '9999-12-31')), id`;
/** What the search's page query reads of an IB user besides the sort key: name, status and expiry. */
const COVERED =
  'current_expiry_date, current_revoked, reissue_state, company_key';

/**
 * The search's sort index also carries the columns its page query tests on each row it walks — the
 * company key of a name search, the revocation, reissue state and expiry of a status filter — so a
 * walk in expiry order reads the index alone and visits the table only for the page's rows, where
 * it visited one table page per row walked (figures in docs/benchmarks.md). PostgreSQL keeps them
 * out of the key (`INCLUDE`; it needs the expiry column itself beside the expression to answer
 * from the index); SQLite has no INCLUDE, and appends them to the key after the unique `id`, which
 * leaves the order as it was.
 */
export class SearchSortCovering1764000000290 implements MigrationInterface {
  name = 'SearchSortCovering1764000000290';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    await queryRunner.query('DROP INDEX ix_ib_user_sort_expiry');
    await queryRunner.query(
      postgres
        ? `CREATE INDEX ix_ib_user_sort_expiry ON ib_user (${SORT_KEY}) INCLUDE (${COVERED})`
        : `CREATE INDEX ix_ib_user_sort_expiry ON ib_user (${SORT_KEY}, ${COVERED})`,
    );
    // The dropped index's statistics went with it (the sort key is an expression): take them now,
    // as the search plans on them from its first request.
    await queryRunner.query('ANALYZE ib_user');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ix_ib_user_sort_expiry');
    await queryRunner.query(
      `CREATE INDEX ix_ib_user_sort_expiry ON ib_user (${SORT_KEY})`,
    );
    await queryRunner.query('ANALYZE ib_user');
  }
}
