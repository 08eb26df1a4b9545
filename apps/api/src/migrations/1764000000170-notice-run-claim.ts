import { MigrationInterface, QueryRunner } from 'typeorm';
import { addColumns, dropColumns, instantType } from './portable';

/**
 * `notice_run.claimed_at`: when a process last took the run over (or renewed its hold). A run left
 * unfinished is resumed by exactly one process: the one whose conditional UPDATE of this column
 * matched. Plain `ADD COLUMN` (SQLite keeps the table; TypeORM's addColumn would rebuild it).
 */
export class NoticeRunClaim1764000000170 implements MigrationInterface {
  name = 'NoticeRunClaim1764000000170';

  async up(queryRunner: QueryRunner): Promise<void> {
    const instant = instantType(queryRunner);
    await addColumns(queryRunner, 'notice_run', [`claimed_at ${instant} NULL`]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropColumns(queryRunner, 'notice_run', ['claimed_at']);
  }
}
