import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { addColumns, columns, dropColumns, foreignKey } from './portable';

/**
 * Staff second factor (issue 21): passkeys and one-time-code secrets (`staff_credential`), hashed
 * single-use recovery codes, whether an account has a factor (read with every session), when a
 * session last proved it and its pending WebAuthn challenge, and each credit union's policy (null:
 * the installation's default, STAFF_SECOND_FACTOR). Plain `ADD COLUMN` (SQLite keeps the tables).
 */
export class SecondFactor1764000000200 implements MigrationInterface {
  name = 'SecondFactor1764000000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    const staffFk = foreignKey('staff_user_id', 'staff_user');
    const cuFk = () => foreignKey('credit_union_id', 'credit_union');
    await queryRunner.createTable(
      new Table({
        name: 'staff_credential',
        columns: [
          c.id(),
          c.ref('credit_union_id'),
          c.ref('staff_user_id'),
          c.text('kind', 16),
          c.text('name', 100),
          c.instant('created_at'),
          c.instant('confirmed_at', true),
          c.instant('last_used_at', true),
          c.text('credential_id', 512, true),
          c.longText('public_key', true),
          c.int('counter', 0),
          c.bool('backed_up', false),
          c.text('device_type', 32, true),
          c.text('transports', 200, true),
          c.text('totp_secret', 64, true),
          { ...c.int('totp_last_step'), isNullable: true },
        ],
        indices: [
          new TableIndex({
            name: 'ix_staff_credential_staff',
            columnNames: ['staff_user_id'],
          }),
          new TableIndex({
            name: 'uq_staff_credential_id',
            columnNames: ['credential_id'],
            isUnique: true,
          }),
          // One one-time-code secret per account (an unconfirmed one is replaced).
          new TableIndex({
            name: 'uq_staff_credential_totp',
            columnNames: ['staff_user_id'],
            isUnique: true,
            where: "kind = 'totp'",
          }),
        ],
        foreignKeys: [cuFk(), staffFk],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'staff_recovery_code',
        columns: [
          c.id(),
          c.ref('credit_union_id'),
          c.ref('staff_user_id'),
          c.text('code_hash', 64),
          c.instant('created_at'),
          c.instant('used_at', true),
        ],
        indices: [
          new TableIndex({
            name: 'ix_staff_recovery_code_staff',
            columnNames: ['staff_user_id', 'code_hash'],
          }),
        ],
        foreignKeys: [cuFk(), foreignKey('staff_user_id', 'staff_user')],
      }),
    );
    const instant = c.instantType;
    const no = c.postgres ? 'false' : '0';
    await addColumns(queryRunner, 'staff_user', [
      `second_factor_enrolled boolean NOT NULL DEFAULT ${no}`,
    ]);
    await addColumns(queryRunner, 'staff_session', [
      `second_factor_at ${instant} NULL`,
      'webauthn_challenge varchar(128) NULL',
      `webauthn_challenge_at ${instant} NULL`,
    ]);
    await addColumns(queryRunner, 'credit_union', [
      'second_factor_policy varchar(16) NULL',
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropColumns(queryRunner, 'credit_union', ['second_factor_policy']);
    await dropColumns(queryRunner, 'staff_session', [
      'webauthn_challenge_at',
      'webauthn_challenge',
      'second_factor_at',
    ]);
    await dropColumns(queryRunner, 'staff_user', ['second_factor_enrolled']);
    await queryRunner.dropTable('staff_recovery_code');
    await queryRunner.dropTable('staff_credential');
  }
}
