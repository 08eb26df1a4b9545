import { MigrationInterface, QueryRunner } from 'typeorm';
import { addColumns, dropColumns, instantType } from './portable';

/**
 * A renewal no longer strands the customer: the renewed certificate keeps logging on until its
 * successor has logged on once (or its own expiry). `renewed_from_id` names the certificate a
 * renewal replaced, `first_logon_at` when a certificate first logged on. Plain `ADD COLUMN`
 * (SQLite then keeps the table and its triggers; TypeORM's addColumn would rebuild it).
 * The partial index serves the sweep that retires a replaced certificate at its own expiry.
 */
export class RenewalOverlap1764000000140 implements MigrationInterface {
  name = 'RenewalOverlap1764000000140';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instant = instantType(queryRunner);
    await addColumns(queryRunner, 'certificate', [
      `first_logon_at ${instant} NULL`,
      'renewed_from_id varchar(36) NULL',
    ]);
    await queryRunner.query(
      'CREATE INDEX ix_certificate_renewed_from ON certificate (renewed_from_id) WHERE renewed_from_id IS NOT NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ix_certificate_renewed_from');
    await dropColumns(queryRunner, 'certificate', [
      'renewed_from_id',
      'first_logon_at',
    ]);
  }
}
