import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { addColumns, dropColumns } from './portable';

/**
 * A CA's key may live on a PKCS#11 token (`CA_KEYSTORE=pkcs11`): `key_store` says where, `key_label`
 * and `key_id` (CKA_LABEL, CKA_ID in hex) find it there, and `encrypted_key_pem` becomes nullable
 * (a token key has no copy in the database). Existing rows are software keys. On SQLite the nullable
 * column rebuilds the table (it has no triggers and nothing references it).
 */
export class CaKeystore1764000000150 implements MigrationInterface {
  name = 'CaKeystore1764000000150';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "ALTER TABLE certificate_authority ADD COLUMN key_store varchar(16) NOT NULL DEFAULT 'software'",
    );
    await addColumns(queryRunner, 'certificate_authority', [
      'key_label varchar(64) NULL',
      'key_id varchar(64) NULL',
    ]);
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query(
        'ALTER TABLE certificate_authority ALTER COLUMN encrypted_key_pem DROP NOT NULL',
      );
    } else {
      await queryRunner.changeColumn(
        'certificate_authority',
        'encrypted_key_pem',
        new TableColumn({
          name: 'encrypted_key_pem',
          type: 'text',
          isNullable: true,
        }),
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query(
        'ALTER TABLE certificate_authority ALTER COLUMN encrypted_key_pem SET NOT NULL',
      );
    } else {
      await queryRunner.changeColumn(
        'certificate_authority',
        'encrypted_key_pem',
        new TableColumn({ name: 'encrypted_key_pem', type: 'text' }),
      );
    }
    await dropColumns(queryRunner, 'certificate_authority', [
      'key_id',
      'key_label',
      'key_store',
    ]);
  }
}
