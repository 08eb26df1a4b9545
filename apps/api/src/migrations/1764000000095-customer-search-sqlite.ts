import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SQLite's counterpart of PostgreSQL's trigram index on `customer.search_key` (migration …070):
 * an FTS5 table with the trigram tokenizer over the same column, so `LIKE '%ヤマダ%'` is answered from
 * the index instead of reading every customer. It holds no copy of the text (external content,
 * keyed by the customer's rowid) and is kept in step by triggers in the writing transaction.
 *
 * A customer's rowid is not a declared key: VACUUM, or a migration that rebuilds `customer`, may
 * renumber it. Either must end with `INSERT INTO customer_search(customer_search) VALUES ('rebuild')`
 * (the search re-checks every match on the customer row, so a stale index can miss but never mislead).
 * `customer_search_terms` (fts5vocab) tells how many customers hold a trigram: the search walks the
 * expiry order for a common name and collects a rare name's matches first (SQLite cannot estimate that).
 * PostgreSQL: nothing to do.
 */
export class CustomerSearchSqlite1764000000095 implements MigrationInterface {
  name = 'CustomerSearchSqlite1764000000095';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') return;
    await queryRunner.query(
      "CREATE VIRTUAL TABLE customer_search USING fts5(search_key, content='customer', content_rowid='rowid', tokenize='trigram')",
    );
    await queryRunner.query(
      "INSERT INTO customer_search(customer_search) VALUES ('rebuild')",
    );
    await queryRunner.query(
      "CREATE VIRTUAL TABLE customer_search_terms USING fts5vocab(customer_search, 'row')",
    );
    await queryRunner.query(`CREATE TRIGGER customer_search_insert AFTER INSERT ON customer BEGIN
      INSERT INTO customer_search(rowid, search_key) VALUES (new.rowid, new.search_key);
    END`);
    await queryRunner.query(`CREATE TRIGGER customer_search_delete AFTER DELETE ON customer BEGIN
      INSERT INTO customer_search(customer_search, rowid, search_key) VALUES ('delete', old.rowid, old.search_key);
    END`);
    await queryRunner.query(`CREATE TRIGGER customer_search_update AFTER UPDATE OF search_key ON customer BEGIN
      INSERT INTO customer_search(customer_search, rowid, search_key) VALUES ('delete', old.rowid, old.search_key);
      INSERT INTO customer_search(rowid, search_key) VALUES (new.rowid, new.search_key);
    END`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') return;
    for (const trigger of [
      'customer_search_update',
      'customer_search_delete',
      'customer_search_insert',
    ]) {
      await queryRunner.query(`DROP TRIGGER ${trigger}`);
    }
    await queryRunner.query('DROP TABLE customer_search_terms');
    await queryRunner.query('DROP TABLE customer_search');
  }
}
