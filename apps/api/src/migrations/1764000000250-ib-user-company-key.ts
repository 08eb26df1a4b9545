import { MigrationInterface, QueryRunner } from 'typeorm';
import { addColumns, dropColumns } from './portable';

/** The folded company key of the IB user's customer (`customer.search_key`). */
const CUSTOMER_KEY =
  'SELECT c.search_key FROM customer c WHERE c.id = NEW.customer_id';
/** A customer's new key onto its IB users (fires only when the key changed). */
const FOLLOW_CUSTOMER =
  'UPDATE ib_user SET company_key = NEW.search_key WHERE customer_id = NEW.id';
const KEY_CHANGED = 'OLD.search_key IS DISTINCT FROM NEW.search_key';
const CUSTOMER_MOVED = 'OLD.customer_id IS DISTINCT FROM NEW.customer_id';
const SQLITE_FILL = `UPDATE ib_user SET company_key = (${CUSTOMER_KEY}) WHERE rowid = NEW.rowid`;
const FTS_DELETE =
  "INSERT INTO ib_user_search(ib_user_search, rowid, company_key) SELECT 'delete', OLD.rowid, OLD.company_key WHERE OLD.company_key IS NOT NULL";
const FTS_INSERT =
  'INSERT INTO ib_user_search(rowid, company_key) SELECT NEW.rowid, NEW.company_key WHERE NEW.company_key IS NOT NULL';

/**
 * The company-name search on the IB user's own row (issue 20): `ib_user.company_key` copies the
 * customer's folded `search_key`, kept by triggers in the writing transaction (a new IB user, an IB
 * user moved to another customer, a customer renamed by hand or by the import), so no writer can
 * forget it — like `ib_user_count` (…090). A search for a common name then walks the credit union's
 * IB users in expiry order and tests each row's own key (no lookup of its customer per row), and a
 * rare name is collected from an index over the same column: PostgreSQL's trigram GIN index, SQLite's
 * FTS5 trigram table `ib_user_search` (external content keyed by the IB user's rowid, like
 * `customer_search` of …095, with the same caveat: VACUUM or a rebuild of `ib_user` must end with
 * `INSERT INTO ib_user_search(ib_user_search) VALUES ('rebuild')`; the search re-checks the key with
 * LIKE on the row, so a stale index can miss but never mislead) and its vocabulary
 * `ib_user_search_terms`, which tells SQLite how many IB users hold a trigram.
 * Nullable only because SQLite fills it after the insert; the back-fill leaves no NULL. Plain
 * `ADD COLUMN` (SQLite keeps the table and its triggers). Not mapped on the entity: only the triggers write it.
 */
export class IbUserCompanyKey1764000000250 implements MigrationInterface {
  name = 'IbUserCompanyKey1764000000250';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    await addColumns(queryRunner, 'ib_user', ['company_key varchar(420) NULL']);
    await queryRunner.query(
      'UPDATE ib_user SET company_key = c.search_key FROM customer c WHERE c.id = ib_user.customer_id',
    );
    if (postgres) await this.upPostgres(queryRunner);
    else await this.upSqlite(queryRunner);
  }

  private async upPostgres(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION ib_user_company_key_fill() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.company_key := (${CUSTOMER_KEY});
        RETURN NEW;
      END
      $$`);
    await queryRunner.query(
      'CREATE TRIGGER ib_user_company_key_insert BEFORE INSERT ON ib_user FOR EACH ROW EXECUTE FUNCTION ib_user_company_key_fill()',
    );
    await queryRunner.query(`CREATE TRIGGER ib_user_company_key_move BEFORE UPDATE OF customer_id ON ib_user
      FOR EACH ROW WHEN (${CUSTOMER_MOVED}) EXECUTE FUNCTION ib_user_company_key_fill()`);
    await queryRunner.query(`
      CREATE FUNCTION customer_company_key_follow() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${FOLLOW_CUSTOMER};
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`CREATE TRIGGER customer_company_key_update AFTER UPDATE OF search_key ON customer
      FOR EACH ROW WHEN (${KEY_CHANGED}) EXECUTE FUNCTION customer_company_key_follow()`);
    await queryRunner.query(
      'CREATE INDEX ix_ib_user_company_trgm ON ib_user USING gin (company_key gin_trgm_ops)',
    );
    // Statistics for the new column now (the planner weighs walking against collecting by them).
    await queryRunner.query('ANALYZE ib_user');
  }

  private async upSqlite(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE VIRTUAL TABLE ib_user_search USING fts5(company_key, content='ib_user', content_rowid='rowid', tokenize='trigram')",
    );
    await queryRunner.query(
      "INSERT INTO ib_user_search(ib_user_search) VALUES ('rebuild')",
    );
    await queryRunner.query(
      "CREATE VIRTUAL TABLE ib_user_search_terms USING fts5vocab(ib_user_search, 'row')",
    );
    // The FTS5 index follows the column: every change of company_key (the fill after an insert included).
    await queryRunner.query(`CREATE TRIGGER ib_user_search_update AFTER UPDATE OF company_key ON ib_user BEGIN
      ${FTS_DELETE}; ${FTS_INSERT};
    END`);
    await queryRunner.query(`CREATE TRIGGER ib_user_search_delete AFTER DELETE ON ib_user BEGIN
      ${FTS_DELETE};
    END`);
    // SQLite cannot set NEW in a BEFORE trigger: the new row is filled right after its insert.
    await queryRunner.query(
      `CREATE TRIGGER ib_user_company_key_insert AFTER INSERT ON ib_user BEGIN ${SQLITE_FILL}; END`,
    );
    await queryRunner.query(`CREATE TRIGGER ib_user_company_key_move AFTER UPDATE OF customer_id ON ib_user
      WHEN ${CUSTOMER_MOVED} BEGIN ${SQLITE_FILL}; END`);
    await queryRunner.query(`CREATE TRIGGER customer_company_key_update AFTER UPDATE OF search_key ON customer
      WHEN ${KEY_CHANGED} BEGIN ${FOLLOW_CUSTOMER}; END`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query('DROP INDEX IF EXISTS ix_ib_user_company_trgm');
      await queryRunner.query(
        'DROP TRIGGER IF EXISTS customer_company_key_update ON customer',
      );
      for (const trigger of [
        'ib_user_company_key_move',
        'ib_user_company_key_insert',
      ])
        await queryRunner.query(`DROP TRIGGER IF EXISTS ${trigger} ON ib_user`);
      await queryRunner.query(
        'DROP FUNCTION IF EXISTS customer_company_key_follow()',
      );
      await queryRunner.query(
        'DROP FUNCTION IF EXISTS ib_user_company_key_fill()',
      );
    } else {
      for (const trigger of [
        'customer_company_key_update',
        'ib_user_company_key_move',
        'ib_user_company_key_insert',
        'ib_user_search_delete',
        'ib_user_search_update',
      ])
        await queryRunner.query(`DROP TRIGGER IF EXISTS ${trigger}`);
      await queryRunner.query('DROP TABLE IF EXISTS ib_user_search_terms');
      await queryRunner.query('DROP TABLE IF EXISTS ib_user_search');
    }
    await dropColumns(queryRunner, 'ib_user', ['company_key']);
  }
}
