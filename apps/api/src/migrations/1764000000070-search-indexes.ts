import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes the search and the dashboard need at a million certificates (see tools/bench/search.mjs):
 * - the expiry sort key as one expression, so status filters, ranges, ORDER BY and the keyset cursor
 *   all walk one index (users without a certificate sort last, as 9999-12-31);
 * - login IDs case-insensitively;
 * - on PostgreSQL, trigram search over the folded company names (LIKE '%…%').
 * The expression DDL is the same on SQLite and PostgreSQL.
 */
export class SearchIndexes1764000000070 implements MigrationInterface {
  name = 'SearchIndexes1764000000070';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX ix_ib_user_sort_expiry ON ib_user (credit_union_id, (COALESCE(current_expiry_date, '9999-12-31')), id)`,
    );
    await queryRunner.query(
      'CREATE INDEX ix_ib_user_login_lower ON ib_user (credit_union_id, (LOWER(login_id)))',
    );
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
      await queryRunner.query(
        'CREATE INDEX ix_customer_search_trgm ON customer USING gin (search_key gin_trgm_ops)',
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres')
      await queryRunner.query('DROP INDEX ix_customer_search_trgm');
    await queryRunner.query('DROP INDEX ix_ib_user_login_lower');
    await queryRunner.query('DROP INDEX ix_ib_user_sort_expiry');
  }
}
