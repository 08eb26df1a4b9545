import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shared limits (failed log-ins per address, IB acquisition attempts per address and per unknown
 * login ID, the IB refusal audit's rate limit): one row per (scope, subject) counting attempts in
 * a fixed window that ends at `window_ends_ms` (epoch milliseconds, so the same SQL compares on
 * SQLite and PostgreSQL). Claimed by an atomic upsert, so every API process on the database sees
 * the same counts; expired rows are swept.
 */
export class AttemptCounters1764000000100 implements MigrationInterface {
  name = 'AttemptCounters1764000000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE attempt_counter (
      scope varchar(32) NOT NULL, subject varchar(200) NOT NULL,
      attempts integer NOT NULL, window_ends_ms bigint NOT NULL,
      PRIMARY KEY (scope, subject))`);
    await queryRunner.query(
      'CREATE INDEX ix_attempt_counter_window_ends ON attempt_counter (window_ends_ms)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE attempt_counter');
  }
}
