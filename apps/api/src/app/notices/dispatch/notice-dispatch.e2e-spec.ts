import type { NoticeRunView } from '@certdesk/contracts';
import { addDays } from '@certdesk/domain';
import {
  SeededTenants,
  seedTwoCreditUnions,
  StaffBrowser,
} from '../../../testing/staff-browser';
import { createTestApp, TestApp } from '../../../testing/test-app';
import { testDatabases } from '../../../testing/test-database';
import { AuditEvent } from '../../audit/audit-event.entity';
import { IbUser } from '../../customers/ib-user.entity';
import {
  addCertificate,
  addIbUser,
  FixtureUser,
  quietAllUsers,
} from '../testing/notice-fixtures';
import { SmtpSink } from '../testing/smtp-sink';
import { NoticeJobs } from './notice-jobs';
import { NoticeOutbox } from './notice-outbox.entity';
import { NoticeScheduler } from './notice-scheduler';

const DAY = 86_400_000;

describe.each(testDatabases())('notice dispatch on $name', (db) => {
  const smtp = new SmtpSink();
  let t: TestApp;
  let drop: () => Promise<void>;
  let seeded: SeededTenants;
  let manager: StaffBrowser;

  const outbox = () => t.dataSource.getRepository(NoticeOutbox);
  const rowsOf = (u: FixtureUser) =>
    outbox().find({
      where: { ibUserId: u.ibUser.id },
      order: { createdAt: 'ASC', milestone: 'DESC' },
    });
  /** 今すぐ実行 as the manager of A, waited for. */
  async function runNow(browser = manager): Promise<NoticeRunView> {
    const started = await browser.post('/api/notice-runs');
    expect(started.status).toBe(202);
    await t.app.get(NoticeJobs).idle();
    const run = await browser.get(`/api/notice-runs/${started.body.id}`);
    expect(run.status).toBe(200);
    return run.body as NoticeRunView;
  }

  /** Signs the manager of A in again (sessions end when the clock jumps days ahead). */
  async function signIn(): Promise<void> {
    manager = StaffBrowser.of(t);
    expect(
      (await manager.login(seeded.username('manager', seeded.a))).status,
    ).toBe(200);
  }

  beforeAll(async () => {
    const url = await smtp.start();
    const created = await db.create();
    drop = created.drop;
    t = await createTestApp(created.config, { env: { SMTP_URL: url } });
    seeded = await seedTwoCreditUnions(t);
  });
  beforeEach(async () => {
    await quietAllUsers(t);
    await signIn();
  });
  afterAll(async () => {
    await t?.close();
    await drop?.();
    await smtp.stop();
  });

  it('sends exactly the due mails, with the Japanese date, and a second run sends none', async () => {
    const today = t.clock.today(); // 2026-12-01
    const a = seeded.a;
    const d30 = await addIbUser(t, a, {
      expiry: addDays(today, 30),
      name: '山田 太郎',
    });
    const d10 = await addIbUser(t, a, {
      expiry: addDays(today, 10),
      role: 'user',
    });
    const d25 = await addIbUser(t, a, { expiry: addDays(today, 25) });
    const d0 = await addIbUser(t, a, { expiry: today });
    const quiet = [
      await addIbUser(t, a, { expiry: addDays(today, 31) }),
      await addIbUser(t, a, { expiry: addDays(today, -1) }), // post-expiry notices are off by default
      await addIbUser(t, a, { expiry: addDays(today, 10), revoked: true }),
      await addIbUser(t, a, { expiry: addDays(today, 10), reissue: 'pending' }),
      await addIbUser(t, a, { expiry: null }),
      await addIbUser(t, seeded.b, { expiry: addDays(today, 10) }), // another credit union's run
    ];
    const fallback = await addIbUser(t, a, {
      expiry: addDays(today, 10),
      email: null,
      contactEmail: 'keiri@fallback.example.jp',
    });
    const nowhere = await addIbUser(t, a, {
      expiry: addDays(today, 10),
      email: null,
    });
    smtp.take();

    const run = await runNow();
    expect(run).toMatchObject({
      status: 'done',
      trigger: 'manual',
      businessDate: today,
      planned: 6,
      progress: 1,
    });
    expect(run.counts).toMatchObject({
      sent: 5,
      skipped: 1,
      pending: 0,
      failed: 0,
    });
    const mails = smtp.take();
    const expected = [d30, d10, d25, d0]
      .map((u) => u.ibUser.email as string)
      .concat('keiri@fallback.example.jp');
    expect(SmtpSink.recipients(mails)).toEqual([...expected].sort());
    expect(new Set(mails.map((m) => m.subject))).toEqual(
      new Set(['電子証明書更新のご案内']),
    );

    const toD30 = mails.find((m) => m.to.includes(d30.ibUser.email as string));
    expect(toD30?.text).toContain('2026年12月31日(木)（あと30日）');
    expect(toD30?.text).toContain('管理者 山田 太郎 様');
    expect(toD30?.text).toContain(d30.customer.companyName);
    expect(toD30?.text).not.toMatch(/https?:\/\//);
    expect(
      mails.find((m) => m.to.includes(d10.ibUser.email as string))?.text,
    ).toContain('利用者（');
    expect(
      mails.find((m) => m.to.includes(d0.ibUser.email as string))?.text,
    ).toContain('（本日が有効期限日です）');

    // The outbox keeps what was sent: template version, exact text, Message-ID derived from its id.
    const [row] = await rowsOf(d30);
    expect(row).toMatchObject({
      status: 'sent',
      milestone: 30,
      kind: 'renewal_reminder',
      templateVersion: 1,
      attempts: 1,
      recipient: d30.ibUser.email,
    });
    expect(toD30?.messageId).toBe(`<${row.id}@certdesk.localhost>`);
    expect(row.body).toBe(toD30?.text);
    expect((await rowsOf(d25))[0].milestone).toBe(30);
    expect((await rowsOf(d10))[0].milestone).toBe(10);
    expect((await rowsOf(fallback))[0]).toMatchObject({
      status: 'sent',
      recipient: 'keiri@fallback.example.jp',
    });
    expect(await rowsOf(nowhere)).toEqual([
      expect.objectContaining({
        status: 'skipped',
        statusReason: expect.stringContaining('メールアドレス'),
      }),
    ]);
    for (const u of quiet) expect(await rowsOf(u)).toEqual([]);
    // One attempt per mail, none for the notice with nowhere to go (a batch's next row is charged
    // while the previous row's outcome is written only when it is to be mailed).
    const attempts = async (u: FixtureUser) => (await rowsOf(u))[0].attempts;
    expect(
      await Promise.all([d30, d10, d25, d0, fallback, nowhere].map(attempts)),
    ).toEqual([1, 1, 1, 1, 1, 0]);

    const again = await runNow();
    expect(again).toMatchObject({ planned: 0, candidates: 0, status: 'done' });
    expect(smtp.take()).toEqual([]);
    expect(
      await t.dataSource
        .getRepository(AuditEvent)
        .countBy({ action: 'notice_run.start', creditUnionId: a.id }),
    ).toBe(2);
  });

  it('catches up after a 5-day outage and never sends both the 30- and the 10-day mail', async () => {
    const a = seeded.a;
    const day0 = t.clock.today();
    const late30 = await addIbUser(t, a, { expiry: addDays(day0, 33) }); // its 30-day falls in the outage
    const both = await addIbUser(t, a, { expiry: addDays(day0, 14) }); // 30-day now, 10-day falls in the outage
    const stuck = await addIbUser(t, a, { expiry: addDays(day0, 12) }); // 30-day refused (4xx) until the outage
    smtp.server.refuse.set(stuck.ibUser.email as string, {
      code: 450,
      message: 'mailbox busy',
    });
    await runNow();
    expect(SmtpSink.recipients(smtp.take())).toEqual([both.ibUser.email]);
    expect((await rowsOf(stuck))[0]).toMatchObject({
      status: 'pending',
      milestone: 30,
      attempts: 1,
      statusReason: expect.stringContaining('一時的'),
    });
    smtp.server.refuse.clear();

    // Down for five days; the worker comes back at 06:30 and the daily run catches up.
    t.clock.set(new Date(t.clock.now().getTime() + 5 * DAY - 2.5 * 3_600_000));
    const newcomer = await addIbUser(t, a, {
      expiry: addDays(t.clock.today(), 7),
    }); // imported during the outage
    expect(await t.app.get(NoticeScheduler).dailyIfDue()).toBe(true);
    await t.app.get(NoticeJobs).idle();
    const mails = smtp.take();
    expect(SmtpSink.recipients(mails)).toEqual(
      [late30, both, stuck, newcomer]
        .map((u) => u.ibUser.email as string)
        .sort(),
    );
    expect((await rowsOf(late30)).map((r) => [r.milestone, r.status])).toEqual([
      [30, 'sent'],
    ]);
    expect((await rowsOf(both)).map((r) => [r.milestone, r.status])).toEqual([
      [30, 'sent'],
      [10, 'sent'],
    ]);
    expect((await rowsOf(stuck)).map((r) => [r.milestone, r.status])).toEqual([
      [30, 'cancelled'],
      [10, 'sent'],
    ]);
    expect((await rowsOf(stuck))[0].statusReason).toContain('有効期限の10日前');
    expect(
      (await rowsOf(newcomer)).map((r) => [r.milestone, r.status]),
    ).toEqual([[10, 'sent']]);
    // One daily run per credit union, and a second tick the same day does nothing.
    expect(await t.app.get(NoticeScheduler).dailyIfDue()).toBe(false);
    await signIn();
    const runs = await manager.get('/api/notice-runs');
    expect(
      runs.body.items.filter((r: NoticeRunView) => r.trigger === 'schedule'),
    ).toHaveLength(1);
  });

  it('cancels a queued notice that became moot (renewed or revoked), and sends nothing for it', async () => {
    const a = seeded.a;
    const today = t.clock.today();
    const renewed = await addIbUser(t, a, { expiry: addDays(today, 20) });
    const revoked = await addIbUser(t, a, { expiry: addDays(today, 20) });
    await smtp.stop();
    await runNow(); // SMTP down: both stay queued
    expect((await rowsOf(renewed))[0].status).toBe('pending');
    await addCertificate(t, renewed.ibUser, addDays(today, 385)); // renewed from 重要なお知らせ
    await t.dataSource
      .getRepository(IbUser)
      .update(revoked.ibUser.id, { currentRevoked: true });
    await smtp.start();
    t.clock.advance(10 * 60_000);
    smtp.take();
    await runNow();
    expect(smtp.take()).toEqual([]);
    expect((await rowsOf(renewed))[0]).toMatchObject({
      status: 'cancelled',
      statusReason: expect.stringContaining('更新'),
    });
    expect((await rowsOf(revoked))[0]).toMatchObject({
      status: 'cancelled',
      statusReason: expect.stringContaining('失効'),
    });
  });

  it('never queues a milestone twice, even once its outbox row was purged; a renewed certificate gets its own', async () => {
    const today = t.clock.today();
    const user = await addIbUser(t, seeded.a, { expiry: addDays(today, 12) });
    expect((await runNow()).planned).toBe(1);
    // Retention deletes final notices after years; the planner's marker (notice_marker) still knows.
    await outbox().delete({ ibUserId: user.ibUser.id });
    t.clock.advance(60_000);
    expect((await runNow()).planned).toBe(0);
    expect(await rowsOf(user)).toEqual([]);
    const renewed = await addCertificate(t, user.ibUser, addDays(today, 12));
    t.clock.advance(60_000);
    expect((await runNow()).planned).toBe(1);
    expect(await rowsOf(user)).toEqual([
      expect.objectContaining({ certificateId: renewed.id, milestone: 30 }),
    ]);
  });

  it('queues the window’s milestone when the marker holds a later one (a business day gone back), as when it holds an earlier one', async () => {
    const today = t.clock.today();
    const users = [
      await addIbUser(t, seeded.a, { expiry: addDays(today, 20) }),
      await addIbUser(t, seeded.a, { expiry: addDays(today, 5) }),
    ];
    // The first as if its 10-day notice had been queued, the second its 30-day one (both this certificate).
    for (const [u, milestone] of [
      [users[0], 10],
      [users[1], 30],
    ] as const) {
      const [sql, values] = t.dataSource.driver.escapeQueryWithParameters(
        'INSERT INTO notice_marker (certificate_id, milestone) VALUES (:certificateId, :milestone)',
        { milestone, certificateId: u.certificate?.id },
      );
      await t.dataSource.query(sql, values);
    }
    expect((await runNow()).planned).toBe(2);
    expect((await rowsOf(users[0]))[0]).toMatchObject({ milestone: 30 });
    expect((await rowsOf(users[1]))[0]).toMatchObject({ milestone: 10 });
  });

  it('marks a permanent refusal (5xx) failed without retrying; a manager resends it once the address is fixed', async () => {
    const today = t.clock.today();
    const bad = await addIbUser(t, seeded.a, { expiry: addDays(today, 15) });
    smtp.server.refuse.set(bad.ibUser.email as string, {
      code: 550,
      message: 'no such user',
    });
    smtp.take();
    await runNow();
    const [row] = await rowsOf(bad);
    expect(row).toMatchObject({
      status: 'failed',
      attempts: 1,
      statusReason: expect.stringContaining('550'),
    });
    const log = await manager.get('/api/notices?status=failed');
    expect(log.body.items.map((i: { id: string }) => i.id)).toContain(row.id);
    expect(
      log.body.items.find((i: { id: string }) => i.id === row.id),
    ).toMatchObject({ resendable: true, statusLabel: '送信失敗' });

    const staff = StaffBrowser.of(t);
    await staff.login(seeded.username('branch_staff', seeded.a));
    expect((await staff.post(`/api/notices/${row.id}/resend`)).status).toBe(
      403,
    );
    smtp.server.refuse.clear();
    const resent = await manager.post(`/api/notices/${row.id}/resend`);
    expect(resent.status).toBe(200);
    await t.app.get(NoticeJobs).idle();
    expect(SmtpSink.recipients(smtp.take())).toEqual([bad.ibUser.email]);
    // A resend starts a fresh count of attempts (so a given-up notice gets the whole retry budget again).
    expect((await rowsOf(bad))[0]).toMatchObject({
      status: 'sent',
      attempts: 1,
    });
    expect((await manager.post(`/api/notices/${row.id}/resend`)).status).toBe(
      409,
    );
    expect(
      await t.dataSource
        .getRepository(AuditEvent)
        .countBy({ action: 'notice.resend', targetId: row.id }),
    ).toBe(1);
  });
});
