import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columns, foreignKey } from './portable';

/**
 * One issuing CA per credit union (certificate, encrypted key, latest CRL), and the index the CRL
 * is listed from. A certificate row is written before its certificate is signed (issuance intent):
 * its unique serial and public-key indexes (initial schema) are claimed before anything is signed.
 */
export class CertificateAuthority1764000000003 implements MigrationInterface {
  name = 'CertificateAuthority1764000000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'certificate_authority',
        columns: [
          c.id(),
          c.ref('credit_union_id'),
          c.longText('certificate_pem'),
          c.longText('encrypted_key_pem'),
          c.int('crl_number', 0),
          c.longText('crl_der', true),
          c.instant('crl_this_update', true),
          c.instant('crl_next_update', true),
          c.int('revocation_count', 0),
          c.int('crl_revocation_count', 0),
          c.instant('created_at'),
        ],
        indices: [
          new TableIndex({
            name: 'uq_certificate_authority_credit_union',
            columnNames: ['credit_union_id'],
            isUnique: true,
          }),
        ],
        foreignKeys: [foreignKey('credit_union_id', 'credit_union')],
      }),
    );
    await queryRunner.createIndex(
      'certificate',
      new TableIndex({
        name: 'ix_certificate_revoked',
        columnNames: ['credit_union_id', 'revoked_at'],
        where: 'revoked_at IS NOT NULL',
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('certificate', 'ix_certificate_revoked');
    await queryRunner.dropTable('certificate_authority');
  }
}
