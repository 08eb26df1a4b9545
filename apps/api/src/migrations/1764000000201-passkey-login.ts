import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columns } from './portable';

/**
 * Sign-in with a passkey alone (issue 21): the challenges handed to browsers that are not signed in
 * yet. Each is taken once (a conditional DELETE) within five minutes.
 */
export class PasskeyLogin1764000000201 implements MigrationInterface {
  name = 'PasskeyLogin1764000000201';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'webauthn_login_challenge',
        columns: [c.id(), c.text('challenge', 128), c.instant('created_at')],
        indices: [
          new TableIndex({
            name: 'uq_webauthn_login_challenge',
            columnNames: ['challenge'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'ix_webauthn_login_challenge_created',
            columnNames: ['created_at'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('webauthn_login_challenge');
  }
}
