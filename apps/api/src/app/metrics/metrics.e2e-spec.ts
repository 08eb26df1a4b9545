import request from 'supertest';
import type { App } from 'supertest/types';
import { addDays } from '@certdesk/domain';
import {
  SeededTenants,
  seedTwoCreditUnions,
  StaffBrowser,
} from '../../testing/staff-browser';
import { createTestApp, startTestApp, TestApp } from '../../testing/test-app';
import { testDatabases } from '../../testing/test-database';
import { NoticeJobs } from '../notices/dispatch/notice-jobs';
import { NoticeOutbox } from '../notices/dispatch/notice-outbox.entity';
import { NoticeSender } from '../notices/dispatch/notice-sender';
import { addIbUser, quietAllUsers } from '../notices/testing/notice-fixtures';
import { SmtpSink } from '../notices/testing/smtp-sink';
import { CertificateAuthority } from '../pki/certificate-authority.entity';
import { CrlService } from '../pki/crl.service';

const TOKEN = 'metrics-token-for-the-test-0123456789';

/** The value of one sample `name{labels…}` in a Prometheus text exposition (undefined when absent). */
export function sample(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const found = Object.fromEntries(
      [...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [
        l[1],
        l[2],
      ]),
    );
    if (Object.entries(labels).every(([k, v]) => found[k] === v))
      return Number(m[3]);
  }
  return undefined;
}

describe.each(testDatabases())('GET /api/metrics on $name', (db) => {
  const smtp = new SmtpSink();
  let t: TestApp;
  let seeded: SeededTenants;
  let server: App;

  const scrape = async (): Promise<string> => {
    const res = await request(server)
      .get('/api/metrics')
      .set('Authorization', `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    return res.text;
  };
  const manager = async (): Promise<StaffBrowser> => {
    return StaffBrowser.signedIn(t, seeded.username('manager', seeded.a));
  };

  beforeAll(async () => {
    const url = await smtp.start();
    await smtp.stop(); // the mail server is down until a test brings it back
    t = await startTestApp(db, {
      env: {
        SMTP_URL: url,
        METRICS_TOKEN: TOKEN,
        NOTICE_MAX_ATTEMPTS: '3',
        DATABASE_POOL_SIZE: '4',
      },
    });
    server = t.app.getHttpServer() as App;
    seeded = await seedTwoCreditUnions(t);
    await quietAllUsers(t);
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
  });

  it('answers 404 without the bearer token, with a wrong one, and to a signed-in manager', async () => {
    const wrong = [
      {},
      { Authorization: `Bearer ${TOKEN}x` },
      { Authorization: `Bearer ${TOKEN.slice(0, -1)}` },
      { Authorization: TOKEN },
      { Authorization: 'Bearer ' },
    ];
    for (const headers of wrong) {
      const res = await request(server).get('/api/metrics').set(headers);
      expect([res.status, res.body.message]).toEqual([
        404,
        '指定されたデータは見つかりません',
      ]);
    }
    const browser = await manager();
    expect((await browser.get('/api/metrics')).status).toBe(404);

    const res = await request(server)
      .get('/api/metrics')
      .set('Authorization', `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(sample(res.text, 'process_cpu_user_seconds_total')).toBeGreaterThan(
      0,
    );
    expect(sample(res.text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(
      sample(res.text, 'certdesk_db_pool_connections', { state: 'max' }),
    ).toBe(db.name === 'postgres' ? 4 : 1);
    expect(
      sample(res.text, 'certdesk_db_pool_connections', { state: 'waiting' }),
    ).toBe(0);
  });

  it('times requests by route pattern and status, never by the raw path or query, and counts failed log-ins', async () => {
    const staff = StaffBrowser.of(t);
    expect(
      (await staff.login(seeded.username('branch_staff', seeded.a), 'wrong'))
        .status,
    ).toBe(401);
    await staff.login(seeded.username('branch_staff', seeded.a));
    expect(
      (await staff.get(`/api/certificates?q=${encodeURIComponent('ヤマダ')}`))
        .status,
    ).toBe(200);
    expect(
      (await staff.get('/api/customers/00000000-0000-4000-8000-000000000000'))
        .status,
    ).toBe(404);
    const text = await scrape();
    const count = (route: string, status: string) =>
      sample(text, 'certdesk_http_request_duration_seconds_count', {
        method: 'GET',
        route,
        status,
      });
    expect(count('/api/certificates', '200')).toBe(1);
    expect(count('/api/customers/:id', '404')).toBe(1);
    expect(text).not.toContain('ヤマダ');
    expect(text).not.toContain(encodeURIComponent('ヤマダ'));
    expect(text).not.toContain('00000000-0000-4000-8000-000000000000');
    expect(
      sample(text, 'certdesk_login_failures_total', {
        reason: 'wrong_password',
      }),
    ).toBe(1);
  });

  it("reports seconds until each credit union's CRL nextUpdate", async () => {
    await t.app.get(CrlService).publish(seeded.a.id);
    const ca = await t.dataSource
      .getRepository(CertificateAuthority)
      .findOneByOrFail({ creditUnionId: seeded.a.id });
    const expected =
      ((ca.crlNextUpdate as Date).getTime() - t.clock.now().getTime()) / 1000;
    expect(expected).toBeGreaterThan(6 * 86_400);
    expect(
      sample(await scrape(), 'certdesk_crl_next_update_seconds', {
        credit_union: '1001',
      }),
    ).toBe(expected);
  });

  it('shows the notice backlog and its age; a notice that keeps failing is given up after NOTICE_MAX_ATTEMPTS and can be resent', async () => {
    const users = await Promise.all(
      [5, 6].map((days) =>
        addIbUser(t, seeded.a, { expiry: addDays(t.clock.today(), days) }),
      ),
    );
    const browser = await manager();
    expect((await browser.post('/api/notice-runs')).status).toBe(202);
    await t.app.get(NoticeJobs).idle();
    const rows = () =>
      t.dataSource
        .getRepository(NoticeOutbox)
        .find({ where: users.map((u) => ({ ibUserId: u.ibUser.id })) });
    expect((await rows()).map((r) => [r.status, r.attempts])).toEqual([
      ['pending', 1],
      ['pending', 1],
    ]);

    t.clock.advance(10 * 60_000);
    let text = await scrape();
    const notices = (status: string) =>
      sample(text, 'certdesk_notices', { kind: 'renewal_reminder', status });
    expect(notices('pending')).toBe(2);
    expect(notices('given_up')).toBe(0);
    expect(
      sample(text, 'certdesk_notice_oldest_pending_age_seconds', {
        kind: 'renewal_reminder',
      }),
    ).toBe(600);

    // Attempts 2 and 3 fail too (the back-off never exceeds 5 minutes); the third is the last.
    const sender = t.app.get(NoticeSender);
    for (let attempt = 2; attempt <= 3; attempt++) {
      await sender.drain(seeded.a.id);
      t.clock.advance(6 * 60_000);
    }
    await sender.drain(seeded.a.id);
    expect((await rows()).map((r) => [r.status, r.attempts])).toEqual([
      ['given_up', 3],
      ['given_up', 3],
    ]);
    text = await scrape();
    expect([notices('pending'), notices('given_up')]).toEqual([0, 2]);
    expect(
      sample(text, 'certdesk_notice_oldest_pending_age_seconds', {
        kind: 'renewal_reminder',
      }),
    ).toBe(0);

    // 送信履歴 shows them with 再送; a resend sends once the server is back.
    const log = await browser.get('/api/notices?status=given_up');
    expect(log.status).toBe(200);
    expect(
      log.body.items.map((i: { statusLabel: string; resendable: boolean }) => [
        i.statusLabel,
        i.resendable,
      ]),
    ).toEqual([
      ['送信中止（再送できます）', true],
      ['送信中止（再送できます）', true],
    ]);
    expect(log.body.items[0].reason).toContain('3回送信を試みても');
    await smtp.start();
    const id = log.body.items[0].id as string;
    const resent = await browser.post(`/api/notices/${id}/resend`);
    expect(resent.status).toBe(200);
    await t.app.get(NoticeJobs).idle();
    expect(smtp.take()).toHaveLength(1);
    const after = await rows();
    expect(after.find((r) => r.id === id)?.status).toBe('sent');
    text = await scrape();
    expect(notices('given_up')).toBe(1);
  });

  // Last: a second app on the same database.
  it('is not there at all when METRICS_TOKEN is unset', async () => {
    const other = await createTestApp(t.config.database);
    try {
      const res = await request(other.app.getHttpServer() as App)
        .get('/api/metrics')
        .set('Authorization', 'Bearer ');
      expect(res.status).toBe(404);
      const withSome = await request(other.app.getHttpServer() as App)
        .get('/api/metrics')
        .set('Authorization', `Bearer ${TOKEN}`);
      expect(withSome.status).toBe(404);
    } finally {
      await other.close();
    }
  });
});
