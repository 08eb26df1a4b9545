import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columns, foreignKey } from './portable';

/** Notice templates (versions), schedule, runs and the outbox (one row per notice, ever). */
export class Notices1764000000050 implements MigrationInterface {
  name = 'Notices1764000000050';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    const index = (name: string, columnNames: string[], isUnique = false) =>
      new TableIndex({ name, columnNames, isUnique });
    const tenant = foreignKey('credit_union_id', 'credit_union');

    await queryRunner.createTable(
      new Table({
        name: 'notice_template',
        columns: [
          c.id(),
          c.ref('credit_union_id'),
          c.text('kind', 32),
          c.int('version'),
          c.text('status', 16),
          c.text('subject', 200),
          c.longText('body'),
          c.instant('created_at'),
          c.text('created_by', 100, true),
          c.instant('updated_at'),
          c.instant('published_at', true),
          c.text('published_by', 100, true),
        ],
        indices: [
          index(
            'uq_notice_template_version',
            ['credit_union_id', 'kind', 'version'],
            true,
          ),
        ],
        foreignKeys: [tenant],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'notice_schedule',
        columns: [
          c.id(),
          c.ref('credit_union_id'),
          c.text('milestones', 200),
          c.bool('reissue_ready_enabled', true),
          c.instant('updated_at'),
          c.text('updated_by', 100, true),
        ],
        indices: [
          index('uq_notice_schedule_credit_union', ['credit_union_id'], true),
        ],
        foreignKeys: [tenant],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'notice_run',
        columns: [
          c.id(),
          c.ref('credit_union_id'),
          c.text('trigger', 16),
          c.text('schedule_key', 10, true),
          c.date('business_date'),
          c.text('phase', 16),
          c.text('requested_by', 100, true),
          c.int('candidates', 0),
          c.int('planned', 0),
          c.text('error', 500, true),
          c.instant('started_at'),
          c.instant('finished_at', true),
        ],
        indices: [
          // One daily run per credit union and day, across processes (NULLs — manual runs — are distinct).
          index(
            'uq_notice_run_schedule',
            ['credit_union_id', 'schedule_key'],
            true,
          ),
          index('ix_notice_run_started', ['credit_union_id', 'started_at']),
        ],
        foreignKeys: [tenant],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'notice_outbox',
        columns: [
          c.id(),
          c.ref('credit_union_id'),
          c.text('dedupe_key', 120),
          c.text('kind', 32),
          { ...c.int('milestone'), isNullable: true },
          c.ref('certificate_id', true),
          c.ref('ib_user_id'),
          c.ref('customer_id'),
          c.ref('run_id', true),
          c.date('business_date'),
          c.date('expiry_date', true),
          c.date('acquisition_deadline', true),
          c.text('status', 16),
          c.text('status_reason', 200, true),
          c.int('attempts', 0),
          c.instant('next_attempt_at'),
          c.instant('lease_until', true),
          c.text('claim_token', 36, true),
          c.text('recipient', 254, true),
          { ...c.int('template_version'), isNullable: true },
          c.text('subject', 200, true),
          c.longText('body', true),
          c.text('message_id', 200, true),
          c.text('smtp_response', 500, true),
          c.text('last_error', 500, true),
          c.instant('created_at'),
          c.instant('updated_at'),
          c.instant('sent_at', true),
        ],
        indices: [
          // Each (certificate, milestone) — or reissue — is queued at most once, ever.
          index('uq_notice_outbox_dedupe', ['dedupe_key'], true),
          // Planning: "is there already a row for this certificate and milestone?"
          index('ix_notice_outbox_certificate', [
            'certificate_id',
            'milestone',
          ]),
          // Senders: due rows and expired leases.
          index('ix_notice_outbox_due', ['status', 'next_attempt_at']),
          index('ix_notice_outbox_lease', ['status', 'lease_until']),
          index('ix_notice_outbox_run', ['run_id', 'status']),
          // The delivery log, newest first.
          index('ix_notice_outbox_log', ['credit_union_id', 'created_at']),
        ],
        foreignKeys: [
          tenant,
          foreignKey('ib_user_id', 'ib_user'),
          foreignKey('customer_id', 'customer'),
          foreignKey('certificate_id', 'certificate'),
          foreignKey('run_id', 'notice_run'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of [
      'notice_outbox',
      'notice_run',
      'notice_schedule',
      'notice_template',
    ])
      await queryRunner.dropTable(name);
  }
}
