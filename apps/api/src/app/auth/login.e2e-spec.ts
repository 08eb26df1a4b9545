import { ERROR_MESSAGES } from '@certdesk/contracts';
import { AuditEvent } from '../audit/audit-event.entity';
import {
  DEMO_PASSWORD,
  setCookieLine,
  StaffBrowser,
  staffByUsername,
} from '../../testing/staff-browser';
import { describeSeededApp } from '../../testing/describe-app';
import { StaffUser } from '../staff/staff-user.entity';
import { sessionIdOf } from './session-cookie';
import { StaffSession } from './staff-session.entity';

const MINUTE = 60 * 1000;

describeSeededApp('staff log-in and sessions on $name', ({ t, seeded }) => {
  const manager = () => seeded.username('manager', seeded.a);

  const auditOf = (action: string) =>
    t.dataSource
      .getRepository(AuditEvent)
      .find({ where: { action }, order: { occurredAt: 'ASC', seq: 'ASC' } });

  it('signs in, answers me with the SessionInfo contract, and keeps only the token hash in the database', async () => {
    const browser = StaffBrowser.of(t);
    const res = await browser.login(manager());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      staffId: expect.any(String),
      username: 'manager-1001',
      displayName: expect.stringContaining('役席'),
      role: 'manager',
      creditUnion: {
        id: seeded.a.id,
        code: '1001',
        name: seeded.a.name,
        selfServiceDaysAfterExpiry: 90,
      },
      mustChangePassword: false,
      permissions: expect.arrayContaining([
        'certificates.read',
        'reissues.decide',
      ]),
      expiresAt: '2026-12-01T12:00:00.000Z',
      idleTimeoutSeconds: 1800,
      // The test app runs with the demo default (STAFF_SECOND_FACTOR off).
      secondFactor: {
        state: 'not_required',
        required: false,
        enrolled: false,
        provenAt: null,
      },
    });
    const cookie = setCookieLine(res, 'certdesk_session') ?? '';
    expect(cookie).toMatch(
      /^certdesk_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/,
    );
    const token = browser.cookies.get('certdesk_session') ?? '';
    const session = await t.dataSource
      .getRepository(StaffSession)
      .findOneByOrFail({ id: sessionIdOf(token) });
    expect(session).toMatchObject({
      endedAt: null,
      ip: browser.ip,
      creditUnionId: seeded.a.id,
    });
    expect(
      await t.dataSource.getRepository(StaffSession).findOneBy({ id: token }),
    ).toBeNull();
    expect((await browser.get('/api/auth/me')).body).toEqual(res.body);
  });

  it('uses the __Host- cookie with Secure over https', async () => {
    const browser = StaffBrowser.of(t);
    await browser.get('/api/auth/me');
    const res = await browser.send(
      'post',
      '/api/auth/login',
      { username: manager(), password: DEMO_PASSWORD },
      { 'X-Forwarded-Proto': 'https' },
    );
    expect(setCookieLine(res, '__Host-certdesk_session')).toMatch(
      /; Path=\/; HttpOnly; Secure; SameSite=Strict$/,
    );
    const me = await browser.send('get', '/api/auth/me', undefined, {
      'X-Forwarded-Proto': 'https',
    });
    expect(me.status).toBe(200);
    // Over plain http the __Host- cookie is not read.
    expect((await browser.get('/api/auth/me')).status).toBe(401);
  });

  it('answers me with 401 when signed out', async () => {
    const res = await StaffBrowser.of(t).get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.message).toBe('ログインが必要です');
  });

  it('gives the same 401 for a wrong password, an unknown user and a malformed name, and audits each without the password', async () => {
    const browser = StaffBrowser.of(t);
    for (const [username, password] of [
      [manager(), 'wrong-password-123'],
      ['nobody-9999', 'wrong-password-456'],
      ['N O B O D Y', 'x'],
    ]) {
      const res = await browser.login(username, password);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({
        statusCode: 401,
        message: ERROR_MESSAGES.login_failed,
      });
      expect(browser.cookies.has('certdesk_session')).toBe(false);
    }
    const failures = (await auditOf('auth.login')).filter(
      (e) => e.outcome === 'failure',
    );
    const reasons = failures.map((e) => JSON.parse(e.details).reason);
    expect(reasons).toEqual(
      expect.arrayContaining(['wrong_password', 'unknown_user']),
    );
    for (const event of failures)
      expect(event.details).not.toMatch(/wrong-password/);
    expect(
      failures.find((e) => JSON.parse(e.details).reason === 'unknown_user'),
    ).toMatchObject({ creditUnionId: null, actorName: 'nobody-9999' });
  });

  it('refuses a log-in body of the wrong shape with a 400 naming the fields', async () => {
    const res = await StaffBrowser.of(t).post('/api/auth/login', {
      username: 5,
      extra: true,
    });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['username', 'password', 'extra']),
    );
  });

  it('locks an account after 10 consecutive failures for 15 minutes, with the same answer, then opens again', async () => {
    const username = seeded.username('compliance', seeded.b);
    const browser = StaffBrowser.of(t);
    expect((await browser.login(username, 'nope-1')).status).toBe(401);
    expect((await browser.login(username)).status).toBe(200); // a success resets the count
    for (let i = 0; i < 9; i++)
      expect((await browser.login(username, `wrong-${i}`)).status).toBe(401);
    expect((await staffByUsername(t, username)).lockedUntil).toBeNull();
    expect((await browser.login(username, 'wrong-10')).status).toBe(401);
    const locked = await staffByUsername(t, username);
    expect(locked.lockedUntil?.toISOString()).toBe(
      new Date(t.clock.now().getTime() + 15 * MINUTE).toISOString(),
    );
    expect((await auditOf('auth.locked')).map((e) => e.targetId)).toContain(
      locked.id,
    );

    const refused = await browser.login(username);
    expect(refused.status).toBe(401);
    expect(refused.body.message).toBe(ERROR_MESSAGES.login_failed);
    t.clock.advance(14 * MINUTE);
    expect((await browser.login(username)).status).toBe(401);
    t.clock.advance(1 * MINUTE);
    expect((await browser.login(username)).status).toBe(200);
    expect(await staffByUsername(t, username)).toMatchObject({
      failedLoginCount: 0,
      lockedUntil: null,
    });
  });

  it('limits failed log-ins per address (429) without holding up successes or other addresses', async () => {
    const browser = StaffBrowser.of(t, '192.0.2.77');
    await browser.get('/api/auth/me');
    for (let i = 0; i < 29; i++)
      expect((await browser.login(`ghost-${i}`, 'whatever-pass')).status).toBe(
        401,
      );
    for (let i = 0; i < 3; i++)
      expect((await browser.login(manager())).status).toBe(200); // successes do not count
    expect((await browser.login('ghost-30', 'whatever-pass')).status).toBe(401);
    const limited = await browser.login(manager());
    expect(limited.status).toBe(429);
    expect(limited.body.message).toBe(ERROR_MESSAGES.too_many_attempts);
    expect((await StaffBrowser.of(t).login(manager())).status).toBe(200);
    t.clock.advance(5 * MINUTE);
    expect((await browser.login(manager())).status).toBe(200);
    const limitedAudit = (await auditOf('auth.login')).filter(
      (e) => JSON.parse(e.details).reason === 'rate_limited',
    );
    expect(limitedAudit).toHaveLength(1);
  }, 90_000); // 33 argon2id checks one after another

  it('issues a new session at every log-in and ends the one the browser came with (no fixation)', async () => {
    const browser = StaffBrowser.of(t);
    await browser.login(manager());
    const first = browser.cookies.get('certdesk_session') ?? '';
    await browser.login(seeded.username('branch_staff', seeded.a));
    const second = browser.cookies.get('certdesk_session') ?? '';
    expect(second).not.toBe(first);
    const old = StaffBrowser.of(t);
    old.cookies.set('certdesk_session', first);
    expect((await old.get('/api/auth/me')).status).toBe(401);
    expect((await browser.get('/api/auth/me')).body.username).toBe(
      'branch_staff-1001',
    );
    expect(
      await t.dataSource
        .getRepository(StaffSession)
        .findOneByOrFail({ id: sessionIdOf(first) }),
    ).toMatchObject({ endReason: 'replaced' });

    // A planted token (never issued) is not adopted either.
    const planted = StaffBrowser.of(t);
    planted.cookies.set('certdesk_session', 'A'.repeat(43));
    await planted.login(manager());
    expect(planted.cookies.get('certdesk_session')).not.toBe('A'.repeat(43));
  });

  it('log-out ends the session on the server; a copied cookie is dead too', async () => {
    const browser = StaffBrowser.of(t);
    await browser.login(manager());
    const copy = StaffBrowser.of(t);
    copy.cookies.set(
      'certdesk_session',
      browser.cookies.get('certdesk_session') ?? '',
    );
    expect((await copy.get('/api/auth/me')).status).toBe(200);
    expect((await browser.post('/api/auth/logout')).status).toBe(204);
    expect(browser.cookies.has('certdesk_session')).toBe(false);
    expect((await copy.get('/api/auth/me')).status).toBe(401);
    expect((await browser.post('/api/auth/logout')).status).toBe(204); // idempotent
    expect((await auditOf('auth.logout')).length).toBe(1);
  });

  it('ends a session after 30 idle minutes; activity keeps it alive, touched at most once a minute', async () => {
    const browser = StaffBrowser.of(t);
    await browser.login(manager());
    const id = sessionIdOf(browser.cookies.get('certdesk_session') ?? '');
    const lastSeen = async () =>
      (
        await t.dataSource.getRepository(StaffSession).findOneByOrFail({ id })
      ).lastSeenAt.getTime();
    const loggedInAt = await lastSeen();
    t.clock.advance(30 * 1000);
    expect((await browser.get('/api/auth/me')).status).toBe(200);
    expect(await lastSeen()).toBe(loggedInAt);
    t.clock.advance(29 * MINUTE);
    expect((await browser.get('/api/auth/me')).status).toBe(200);
    expect(await lastSeen()).toBe(t.clock.now().getTime());
    t.clock.advance(31 * MINUTE);
    expect((await browser.get('/api/auth/me')).status).toBe(401);
    expect(
      await t.dataSource.getRepository(StaffSession).findOneByOrFail({ id }),
    ).toMatchObject({ endReason: 'idle' });
  });

  it('ends a session 12 hours after log-in however active it is', async () => {
    const browser = StaffBrowser.of(t);
    await browser.login(manager());
    const expiresAt = new Date(
      (await browser.get('/api/auth/me')).body.expiresAt,
    ).getTime();
    while (t.clock.now().getTime() + 25 * MINUTE < expiresAt) {
      t.clock.advance(25 * MINUTE);
      expect((await browser.get('/api/auth/me')).status).toBe(200);
    }
    t.clock.advance(expiresAt - t.clock.now().getTime());
    expect((await browser.get('/api/auth/me')).status).toBe(401);
  });

  it('cuts off a disabled account at once, even if its sessions were left open', async () => {
    const username = seeded.username('branch_staff', seeded.b);
    const browser = StaffBrowser.of(t);
    await browser.login(username);
    await t.dataSource
      .getRepository(StaffUser)
      .update({ username }, { disabledAt: t.clock.now() });
    expect((await browser.get('/api/auth/me')).status).toBe(401);
    const res = await StaffBrowser.of(t).login(username);
    expect(res.status).toBe(401);
    expect(res.body.message).toBe(ERROR_MESSAGES.login_failed);
    await t.dataSource
      .getRepository(StaffUser)
      .update({ username }, { disabledAt: null });
  });
});
