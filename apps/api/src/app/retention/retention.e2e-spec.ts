import { staffByUsername } from '../../testing/staff-browser';
import { describeSeededApp } from '../../testing/describe-app';
import { AuditEvent } from '../audit/audit-event.entity';
import { StaffSession } from '../auth/staff-session.entity';
import { IbRenewalSession } from '../ib/ib-renewal-session.entity';
import {
  NoticeOutbox,
  OutboxStatus,
} from '../notices/dispatch/notice-outbox.entity';
import { NoticeRun } from '../notices/dispatch/notice-run.entity';
import { addIbUser, FixtureUser } from '../notices/testing/notice-fixtures';
import { RetentionService } from './retention.service';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

describeSeededApp('retention on $name', ({ t, seeded }) => {
  let user: FixtureUser;

  const ago = (ms: number) => new Date(t.clock.now().getTime() - ms);
  const ids = async <T extends { id: string }>(
    entity: new () => T,
  ): Promise<string[]> =>
    (await t.dataSource.getRepository(entity).find()).map((r) => r.id).sort();

  async function session(
    id: string,
    fields: Partial<StaffSession>,
  ): Promise<void> {
    const staff = await staffByUsername(
      t,
      seeded.username('branch_staff', seeded.a),
    );
    await t.dataSource.getRepository(StaffSession).insert({
      id,
      staffUserId: staff.id,
      creditUnionId: staff.creditUnionId,
      createdAt: ago(HOUR),
      lastSeenAt: ago(60_000),
      expiresAt: new Date(t.clock.now().getTime() + 11 * HOUR),
      endedAt: null,
      endReason: null,
      ip: null,
      userAgent: null,
      ...fields,
    });
  }
  async function renewal(
    id: string,
    fields: Partial<IbRenewalSession>,
  ): Promise<void> {
    await t.dataSource.getRepository(IbRenewalSession).insert({
      id,
      creditUnionId: seeded.a.id,
      ibUserId: user.ibUser.id,
      certificateId: user.certificate?.id as string,
      action: 'update',
      createdAt: ago(5 * 60_000),
      expiresAt: new Date(t.clock.now().getTime() + 5 * 60_000),
      usedAt: null,
      issuedCertificateId: null,
      ...fields,
    });
  }
  async function notice(
    id: string,
    createdAt: Date,
    status: OutboxStatus,
    runId: string | null = null,
  ): Promise<void> {
    await t.dataSource.getRepository(NoticeOutbox).insert({
      id,
      creditUnionId: seeded.a.id,
      dedupeKey: `test:${id}`,
      kind: 'renewal_reminder',
      milestone: 30,
      certificateId: null,
      ibUserId: user.ibUser.id,
      customerId: user.customer.id,
      runId,
      businessDate: '2025-01-01',
      expiryDate: null,
      acquisitionDeadline: null,
      status,
      statusReason: null,
      attempts: 1,
      nextAttemptAt: createdAt,
      leaseUntil: null,
      claimToken: null,
      recipient: null,
      templateVersion: null,
      subject: null,
      body: null,
      messageId: null,
      smtpResponse: null,
      lastError: null,
      createdAt,
      updatedAt: createdAt,
      sentAt: null,
    });
  }
  async function run(id: string, startedAt: Date): Promise<void> {
    await t.dataSource.getRepository(NoticeRun).insert({
      id,
      creditUnionId: seeded.a.id,
      trigger: 'manual',
      scheduleKey: null,
      businessDate: '2025-01-01',
      phase: 'done',
      requestedBy: null,
      candidates: 0,
      planned: 0,
      error: null,
      startedAt,
      finishedAt: startedAt,
    });
  }

  beforeAll(async () => {
    // 2026-12-01 09:00 JST: 13 months back is 2025-11-01 00:00 JST = 2025-10-31 15:00 UTC.
    user = await addIbUser(t, seeded.a, { expiry: '2027-06-30' });
    await t.dataSource.getRepository(StaffSession).clear();
  });

  it('deletes ended and expired sessions and notices past NOTICE_RETENTION_MONTHS (13 by default), keeps the rest, and audits it', async () => {
    await session('s-live', {});
    await session('s-logged-out', { endedAt: ago(HOUR), endReason: 'logout' });
    await session('s-idle', { lastSeenAt: ago(31 * 60_000) });
    await session('s-absolute', { expiresAt: ago(1000) });
    await renewal('r-live', {});
    await renewal('r-used', { usedAt: ago(60_000) });
    await renewal('r-expired', { expiresAt: ago(1000) });
    const cutoff = new Date('2025-10-31T15:00:00Z');
    expect(t.app.get(RetentionService).noticeCutoff()).toEqual(cutoff);
    await run('run-old', new Date(cutoff.getTime() - DAY));
    await run('run-kept', new Date(cutoff.getTime() - 2 * DAY));
    await notice(
      'n-old-sent',
      new Date(cutoff.getTime() - 1),
      'sent',
      'run-old',
    );
    await notice(
      'n-old-given-up',
      new Date(cutoff.getTime() - DAY),
      'given_up',
    );
    await notice('n-at-cutoff', cutoff, 'sent', 'run-kept');
    await notice('n-old-pending', new Date(cutoff.getTime() - DAY), 'pending');
    await notice('n-recent', ago(DAY), 'failed');

    const counts = await t.app.get(RetentionService).sweep();

    expect(counts).toEqual({
      staffSessions: 3,
      renewalSessions: 2,
      notices: 2,
      noticeRuns: 1,
    });
    expect(await ids(StaffSession)).toEqual(['s-live']);
    expect(await ids(IbRenewalSession)).toEqual(['r-live']);
    expect(await ids(NoticeOutbox)).toEqual(
      ['n-at-cutoff', 'n-old-pending', 'n-recent'].sort(),
    );
    // run-kept still has a notice that is kept (the delivery log keeps its run).
    expect(await ids(NoticeRun)).toEqual(['run-kept']);
    const audit = await t.dataSource
      .getRepository(AuditEvent)
      .findBy({ action: 'retention.purge' });
    expect(audit.map((a) => [a.creditUnionId, JSON.parse(a.details)])).toEqual([
      [
        seeded.a.id,
        {
          staffSessions: 3,
          renewalSessions: 2,
          notices: 2,
          noticeRuns: 1,
          noticesBefore: cutoff.toISOString(),
        },
      ],
    ]);

    // A second sweep (another process, or the same day again) finds nothing and records nothing.
    expect(await t.app.get(RetentionService).sweep()).toEqual({
      staffSessions: 0,
      renewalSessions: 0,
      notices: 0,
      noticeRuns: 0,
    });
    expect(
      await t.dataSource
        .getRepository(AuditEvent)
        .countBy({ action: 'retention.purge' }),
    ).toBe(1);
  });

  it('sweeps once per JST day on its own timer, on the injected clock', async () => {
    const retention = t.app.get(RetentionService);
    const sweep = jest.spyOn(retention, 'sweep');
    const settle = () =>
      (retention as unknown as { running: Promise<unknown> }).running;
    retention.tick();
    await settle();
    retention.tick();
    await settle();
    expect(sweep).toHaveBeenCalledTimes(1);
    // 2026-12-01 09:00 JST + 15 h = 2026-12-02 00:00 JST: a new day.
    t.clock.advance(15 * HOUR);
    await session('s-next-day', { endedAt: ago(1000), endReason: 'idle' });
    retention.tick();
    await settle();
    expect(sweep).toHaveBeenCalledTimes(2);
    expect(await ids(StaffSession)).not.toContain('s-next-day');
    sweep.mockRestore();
  });
});
