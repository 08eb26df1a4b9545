import {
  MigrationInterface,
  QueryRunner,
  Table,
  TableForeignKey,
  TableIndex,
} from 'typeorm';
import { columns, foreignKey } from './portable';

/** Tenants, customers, IB users, certificates, staff and the audit log. */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    const table = async (
      name: string,
      cols: ReturnType<typeof c.id>[],
      indices: TableIndex[] = [],
      foreignKeys: TableForeignKey[] = [],
    ) => {
      await queryRunner.createTable(
        new Table({ name, columns: cols, indices, foreignKeys }),
      );
    };
    const tenant = foreignKey('credit_union_id', 'credit_union');
    const index = (
      name: string,
      columnNames: string[],
      isUnique = false,
      where?: string,
    ) => new TableIndex({ name, columnNames, isUnique, where });

    await table(
      'credit_union',
      [
        c.id(),
        c.text('code', 4),
        c.text('name', 100),
        c.bool('media_storage', false),
        c.int('renewal_window_days', 30),
        c.int('self_service_days_after_expiry', 90),
        c.int('certificate_validity_years', 1),
        c.int('reissue_authorization_days', 80),
        c.text('help_desk_phone', 20),
        c.text('help_desk_hours', 100),
        c.instant('created_at'),
      ],
      [index('uq_credit_union_code', ['code'], true)],
    );

    await table(
      'branch',
      [
        c.id(),
        c.ref('credit_union_id'),
        c.text('code', 3),
        c.text('name', 100),
        c.instant('created_at'),
      ],
      [index('uq_branch_code', ['credit_union_id', 'code'], true)],
      [tenant],
    );

    await table(
      'customer',
      [
        c.id(),
        c.ref('credit_union_id'),
        c.ref('branch_id'),
        c.text('contract_number', 20),
        c.text('company_name', 200),
        c.text('company_name_kana', 200),
        c.text('search_key', 420),
        c.text('contact_email', 254, true),
        c.text('contact_phone', 20, true),
        c.instant('created_at'),
        c.instant('updated_at'),
      ],
      [
        index(
          'uq_customer_contract',
          ['credit_union_id', 'contract_number'],
          true,
        ),
        index('ix_customer_search_key', ['credit_union_id', 'search_key']),
        index('ix_customer_branch', ['credit_union_id', 'branch_id']),
      ],
      [tenant, foreignKey('branch_id', 'branch')],
    );

    await table(
      'ib_user',
      [
        c.id(),
        c.ref('credit_union_id'),
        c.ref('customer_id'),
        c.text('login_id', 32),
        c.text('ib_role', 16),
        c.text('name', 100),
        c.text('name_kana', 100, true),
        c.text('email', 254, true),
        c.text('pin_hash', 200, true),
        c.text('confirm_pin_hash', 200, true),
        c.int('failed_pin_attempts', 0),
        c.instant('pin_locked_at', true),
        c.ref('current_certificate_id', true),
        c.date('current_expiry_date', true),
        c.bool('current_revoked', false),
        c.text('reissue_state', 16, true),
        c.instant('created_at'),
        c.instant('updated_at'),
      ],
      [
        index('uq_ib_user_login', ['credit_union_id', 'login_id'], true),
        index('ix_ib_user_customer', ['customer_id']),
        // Status filters and the dashboard derive the lifecycle status from these columns.
        index('ix_ib_user_expiry', ['credit_union_id', 'current_expiry_date']),
        index('ix_ib_user_reissue', ['credit_union_id', 'reissue_state']),
      ],
      [tenant, foreignKey('customer_id', 'customer')],
    );

    await table(
      'certificate',
      [
        c.id(),
        c.ref('credit_union_id'),
        c.ref('ib_user_id'),
        c.text('serial_hex', 40),
        c.text('subject_dn', 500),
        c.instant('not_before'),
        c.instant('not_after'),
        c.date('expiry_date'),
        c.instant('revoked_at', true),
        c.text('revocation_reason', 32, true),
        c.longText('pem', true),
        c.text('fingerprint_sha256', 64, true),
        c.text('public_key_sha256', 64, true),
        c.text('issued_via', 16),
        c.instant('created_at'),
      ],
      [
        index('uq_certificate_serial', ['credit_union_id', 'serial_hex'], true),
        index(
          'uq_certificate_public_key',
          ['credit_union_id', 'public_key_sha256'],
          true,
        ),
        index('ix_certificate_ib_user', ['ib_user_id']),
        index('ix_certificate_expiry', ['credit_union_id', 'expiry_date']),
      ],
      [tenant, foreignKey('ib_user_id', 'ib_user')],
    );

    await table(
      'staff_user',
      [
        c.id(),
        c.ref('credit_union_id'),
        c.text('username', 64),
        c.text('display_name', 100),
        c.text('role', 16),
        c.text('password_hash', 200),
        c.bool('must_change_password', true),
        c.instant('disabled_at', true),
        c.int('failed_login_count', 0),
        c.instant('locked_until', true),
        c.instant('created_at'),
        c.instant('updated_at'),
      ],
      [
        index('uq_staff_username', ['username'], true),
        index('ix_staff_credit_union', ['credit_union_id']),
      ],
      [tenant],
    );

    await table(
      'audit_event',
      [
        c.id(),
        c.text('chain', 36),
        c.int('seq'),
        c.ref('credit_union_id', true),
        c.instant('occurred_at'),
        c.text('actor_type', 16),
        c.ref('actor_id', true),
        c.text('actor_name', 100, true),
        c.text('action', 64),
        c.text('target_type', 32, true),
        c.text('target_id', 64, true),
        c.text('outcome', 16),
        c.text('ip', 64, true),
        c.text('request_id', 64, true),
        c.longText('details'),
        c.text('prev_hash', 64),
        c.text('hash', 64),
      ],
      [
        index('uq_audit_chain_seq', ['chain', 'seq'], true),
        index('ix_audit_credit_union_time', ['credit_union_id', 'occurred_at']),
      ],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of [
      'audit_event',
      'staff_user',
      'certificate',
      'ib_user',
      'customer',
      'branch',
      'credit_union',
    ]) {
      await queryRunner.dropTable(name);
    }
  }
}
