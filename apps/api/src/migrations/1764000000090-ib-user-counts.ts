import { MigrationInterface, QueryRunner } from 'typeorm';

const KEY_NEW = `NEW.credit_union_id, COALESCE(NEW.current_expiry_date, '9999-12-31'), NEW.current_revoked, COALESCE(NEW.reissue_state, '')`;
const MATCH_OLD = `credit_union_id = OLD.credit_union_id AND expiry_key = COALESCE(OLD.current_expiry_date, '9999-12-31')
  AND revoked = OLD.current_revoked AND reissue_key = COALESCE(OLD.reissue_state, '')`;
const ADD_NEW = `INSERT INTO ib_user_count (credit_union_id, expiry_key, revoked, reissue_key, n) VALUES (${KEY_NEW}, 1)
  ON CONFLICT (credit_union_id, expiry_key, revoked, reissue_key) DO UPDATE SET n = ib_user_count.n + 1`;
const REMOVE_OLD = `UPDATE ib_user_count SET n = n - 1 WHERE ${MATCH_OLD}`;
const CHANGED = `OLD.credit_union_id IS NOT NEW.credit_union_id OR OLD.current_expiry_date IS NOT NEW.current_expiry_date
  OR OLD.current_revoked IS NOT NEW.current_revoked OR OLD.reissue_state IS NOT NEW.reissue_state`;

/**
 * The dashboard's counts without scanning a credit union's IB users: how many IB users there are
 * per (credit union, current expiry date, revoked, reissue state), kept by triggers on `ib_user`
 * in the same transaction as every write (issuance, revocation, reissue, import, seed), so no
 * writer can forget it. The lifecycle status of each group is then derived in libs/domain.
 * Keys are NOT NULL (`9999-12-31` = no certificate, `''` = no reissue) so the upsert can match.
 * Note (SQLite): a later migration that rebuilds `ib_user` drops these triggers and must recreate them.
 */
export class IbUserCounts1764000000090 implements MigrationInterface {
  name = 'IbUserCounts1764000000090';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    await queryRunner.query(`CREATE TABLE ib_user_count (
      credit_union_id varchar(36) NOT NULL, expiry_key date NOT NULL, revoked boolean NOT NULL,
      reissue_key varchar(16) NOT NULL, n integer NOT NULL,
      PRIMARY KEY (credit_union_id, expiry_key, revoked, reissue_key))`);
    if (postgres) {
      await queryRunner.query(`
        CREATE FUNCTION ib_user_count_keep() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP IN ('UPDATE', 'DELETE') THEN ${REMOVE_OLD}; END IF;
          IF TG_OP IN ('UPDATE', 'INSERT') THEN ${ADD_NEW}; END IF;
          RETURN NULL;
        END
        $$`);
      await queryRunner.query(
        'CREATE TRIGGER ib_user_count_insert_delete AFTER INSERT OR DELETE ON ib_user FOR EACH ROW EXECUTE FUNCTION ib_user_count_keep()',
      );
      await queryRunner.query(`CREATE TRIGGER ib_user_count_update AFTER UPDATE ON ib_user FOR EACH ROW
        WHEN (${CHANGED.replace(/IS NOT/g, 'IS DISTINCT FROM')}) EXECUTE FUNCTION ib_user_count_keep()`);
    } else {
      await queryRunner.query(
        `CREATE TRIGGER ib_user_count_insert AFTER INSERT ON ib_user BEGIN ${ADD_NEW}; END`,
      );
      await queryRunner.query(
        `CREATE TRIGGER ib_user_count_delete AFTER DELETE ON ib_user BEGIN ${REMOVE_OLD}; END`,
      );
      await queryRunner.query(`CREATE TRIGGER ib_user_count_update AFTER UPDATE ON ib_user WHEN ${CHANGED}
        BEGIN ${REMOVE_OLD}; ${ADD_NEW}; END`);
    }
    await queryRunner.query(`INSERT INTO ib_user_count (credit_union_id, expiry_key, revoked, reissue_key, n)
      SELECT credit_union_id, COALESCE(current_expiry_date, '9999-12-31'), current_revoked, COALESCE(reissue_state, ''), COUNT(*)
      FROM ib_user GROUP BY credit_union_id, COALESCE(current_expiry_date, '9999-12-31'), current_revoked, COALESCE(reissue_state, '')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query(
        'DROP TRIGGER IF EXISTS ib_user_count_update ON ib_user',
      );
      await queryRunner.query(
        'DROP TRIGGER IF EXISTS ib_user_count_insert_delete ON ib_user',
      );
      await queryRunner.query('DROP FUNCTION IF EXISTS ib_user_count_keep()');
    } else {
      for (const name of [
        'ib_user_count_update',
        'ib_user_count_delete',
        'ib_user_count_insert',
      ])
        await queryRunner.query(`DROP TRIGGER IF EXISTS ${name}`);
    }
    await queryRunner.query('DROP TABLE ib_user_count');
  }
}
