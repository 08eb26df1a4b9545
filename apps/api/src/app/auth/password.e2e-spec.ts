import { ERROR_MESSAGES } from '@certdesk/contracts';
import { AuditEvent } from '../audit/audit-event.entity';
import {
  DEMO_PASSWORD,
  StaffBrowser,
  staffByUsername,
} from '../../testing/staff-browser';
import { describeSeededApp } from '../../testing/describe-app';
import { StaffUser } from '../staff/staff-user.entity';
import { PASSWORD_REASONS } from './password-policy';

const NEW_PASSWORD = 'Kawasemi-to-ume-no-hana';

/** The password change of the signed-in staff member of `browser`. */
const changePassword = (
  browser: StaffBrowser,
  currentPassword = DEMO_PASSWORD,
  newPassword = NEW_PASSWORD,
) => browser.post('/api/auth/password', { currentPassword, newPassword });

describeSeededApp('changing one’s password on $name', ({ t, seeded }) => {
  it('opens only me, log-out and the password change while a change is required, then everything allowed', async () => {
    const username = seeded.username('admin', seeded.a);
    await t.dataSource
      .getRepository(StaffUser)
      .update({ username }, { mustChangePassword: true });
    const browser = StaffBrowser.of(t);
    const login = await browser.login(username);
    expect(login.body.mustChangePassword).toBe(true);
    expect((await browser.get('/api/auth/me')).body.mustChangePassword).toBe(
      true,
    );
    const refused = await browser.get('/api/staff');
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe(ERROR_MESSAGES.password_change_required);

    expect((await changePassword(browser)).status).toBe(204);
    expect((await browser.get('/api/auth/me')).body.mustChangePassword).toBe(
      false,
    );
    expect((await browser.get('/api/staff')).status).toBe(200);
    expect(
      (await StaffBrowser.of(t).login(username, DEMO_PASSWORD)).status,
    ).toBe(401);
    expect(
      (await StaffBrowser.of(t).login(username, NEW_PASSWORD)).status,
    ).toBe(200);
    const stored = await staffByUsername(t, username);
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('lists every policy reason in details, in Japanese', async () => {
    const browser = StaffBrowser.of(t);
    await browser.login(seeded.username('manager', seeded.b));
    const cases: [string, string[]][] = [
      ['short', [PASSWORD_REASONS.tooShort]],
      ['password1234', [PASSWORD_REASONS.common]],
      ['qwertyuiop12', [PASSWORD_REASONS.common]],
      ['123456789012', [PASSWORD_REASONS.common]],
      ['zzzzzzzzzzzzzz', [PASSWORD_REASONS.repeated]],
      ['manager-1002-no-kagi', [PASSWORD_REASONS.username]],
      ['watashi-no-certdesk', [PASSWORD_REASONS.serviceName]],
      [DEMO_PASSWORD, ['現在のパスワードと同じパスワードは使えません']],
    ];
    for (const [newPassword, reasons] of cases) {
      const res = await changePassword(browser, DEMO_PASSWORD, newPassword);
      expect(res.status).toBe(400);
      expect(res.body.message).toBe('新しいパスワードが条件を満たしていません');
      expect(res.body.details).toEqual(
        reasons.map((reason) => ({ field: 'newPassword', reason })),
      );
    }
    const audits = await t.dataSource
      .getRepository(AuditEvent)
      .findBy({ action: 'auth.password_change', outcome: 'failure' });
    expect(audits.length).toBeGreaterThanOrEqual(cases.length);
    for (const a of audits)
      expect(a.details).not.toMatch(/password1234|qwertyuiop12|watashi/);
  });

  it('needs the right current password, and ends the other sessions of the account but not this one', async () => {
    const username = seeded.username('branch_staff', seeded.b);
    const other = StaffBrowser.of(t);
    await other.login(username);
    const browser = StaffBrowser.of(t);
    await browser.login(username);
    const wrong = await changePassword(browser, 'not-my-password');
    expect(wrong.status).toBe(400);
    expect(wrong.body.details).toEqual([
      {
        field: 'currentPassword',
        reason: '現在のパスワードが正しくありません',
      },
    ]);
    expect((await staffByUsername(t, username)).failedLoginCount).toBe(1);

    expect((await changePassword(browser)).status).toBe(204);
    expect((await browser.get('/api/auth/me')).status).toBe(200);
    expect((await other.get('/api/auth/me')).status).toBe(401);
    const [event] = await t.dataSource.getRepository(AuditEvent).findBy({
      action: 'auth.password_change',
      outcome: 'success',
      targetId: (await staffByUsername(t, username)).id,
    });
    expect(JSON.parse(event.details)).toEqual({
      wasRequired: false,
      otherSessionsEnded: 1,
    });
  });

  it('refuses the password change without a session (401) and without the XSRF header (403)', async () => {
    expect((await changePassword(StaffBrowser.of(t), 'a', 'b')).status).toBe(
      401,
    );
    const browser = StaffBrowser.of(t);
    await browser.login(seeded.username('compliance', seeded.a));
    browser.cookies.set('XSRF-TOKEN', 'x'.repeat(43));
    const res = await browser.send(
      'post',
      '/api/auth/password',
      { currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD },
      { 'X-XSRF-TOKEN': 'y'.repeat(43) },
    );
    expect(res.status).toBe(403);
  });

  it('locks the account and ends all its sessions after 10 wrong current passwords', async () => {
    const username = seeded.username('compliance', seeded.b);
    const browser = StaffBrowser.of(t);
    await browser.login(username);
    for (let i = 0; i < 10; i++) {
      expect((await changePassword(browser, `guess-${i}`)).status).toBe(400);
    }
    expect((await browser.get('/api/auth/me')).status).toBe(401);
    expect((await StaffBrowser.of(t).login(username)).status).toBe(401);
    expect((await staffByUsername(t, username)).lockedUntil).not.toBeNull();
  });
});
