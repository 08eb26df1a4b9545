import type {
  OneTimePasswordResponse,
  StaffAccount,
} from '@certdesk/contracts';
import { AuditEvent } from '../audit/audit-event.entity';
import { StaffBrowser, staffByUsername } from '../../testing/staff-browser';
import { describeSeededApp } from '../../testing/describe-app';

describeSeededApp('staff management (職員管理) on $name', ({ t, seeded }) => {
  let adminA: StaffBrowser;

  beforeAll(async () => {
    adminA = await StaffBrowser.signedIn(t, 'admin-1001');
    await StaffBrowser.signedIn(t, 'admin-1002');
  });

  const audit = (action: string) =>
    t.dataSource.getRepository(AuditEvent).findBy({ action });

  it('lists only the admin’s own credit union', async () => {
    const res = await adminA.get('/api/staff');
    expect(res.status).toBe(200);
    const accounts = res.body as StaffAccount[];
    expect(accounts.map((a) => a.username)).toEqual([
      'admin-1001',
      'admin2-1001',
      'branch_staff-1001',
      'compliance-1001',
      'manager-1001',
    ]);
    expect(accounts[0]).toEqual({
      id: expect.any(String),
      username: 'admin-1001',
      displayName: expect.any(String),
      role: 'admin',
      disabled: false,
      locked: false,
      mustChangePassword: false,
      createdAt: '2026-12-01T00:00:00.000Z',
      updatedAt: '2026-12-01T00:00:00.000Z',
    });
    expect(JSON.stringify(res.body)).not.toMatch(/1002|argon2/);
  });

  it('creates an account with a server-chosen one-time password that must be changed', async () => {
    const res = await adminA.post('/api/staff', {
      username: ' Tanaka.H ',
      displayName: ' 田中 花子 ',
      role: 'branch_staff',
    });
    expect(res.status).toBe(201);
    const body = res.body as OneTimePasswordResponse;
    expect(body.account).toMatchObject({
      username: 'tanaka.h',
      displayName: '田中 花子',
      role: 'branch_staff',
      mustChangePassword: true,
      disabled: false,
    });
    expect(body.oneTimePassword).toMatch(
      /^[A-HJ-NP-Za-km-z2-9]{5}(-[A-HJ-NP-Za-km-z2-9]{5}){3}$/,
    );
    const stored = await staffByUsername(t, 'tanaka.h');
    expect(stored).toMatchObject({
      creditUnionId: seeded.a.id,
      mustChangePassword: true,
    });
    expect(stored.passwordHash).not.toContain(body.oneTimePassword);

    const newcomer = StaffBrowser.of(t);
    expect(
      (await newcomer.login('tanaka.h', body.oneTimePassword)).body
        .mustChangePassword,
    ).toBe(true);
    expect((await newcomer.get('/api/auth/me')).status).toBe(200);
    const [event] = await audit('staff.create');
    expect(event).toMatchObject({
      creditUnionId: seeded.a.id,
      targetId: stored.id,
      outcome: 'success',
      actorName: 'admin-1001',
    });
    expect(event.details).not.toContain(body.oneTimePassword);
  });

  it('refuses a username taken in any credit union (409) and bad input (400)', async () => {
    const taken = await adminA.post('/api/staff', {
      username: 'manager-1002',
      displayName: '重複',
      role: 'manager',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.message).toMatch(/既に使われています/);
    const bad = await adminA.post('/api/staff', {
      username: 'x',
      displayName: '',
      role: 'superuser',
      password: 'mine',
    });
    expect(bad.status).toBe(400);
    expect(
      bad.body.details.map((d: { field: string }) => d.field).sort(),
    ).toEqual(['displayName', 'password', 'role', 'username']);
  });

  it('changes role and display name, audited with before and after', async () => {
    const target = await staffByUsername(t, 'compliance-1001');
    const res = await adminA.patch(`/api/staff/${target.id}`, {
      role: 'branch_staff',
      displayName: '新しい名前',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      role: 'branch_staff',
      displayName: '新しい名前',
    });
    const moved = StaffBrowser.of(t);
    expect((await moved.login('compliance-1001')).body.permissions).toContain(
      'reissues.request',
    );
    const event = (await audit('staff.update')).find(
      (e) => e.targetId === target.id,
    );
    expect(JSON.parse(event?.details ?? '{}').changes.role).toEqual({
      from: 'compliance',
      to: 'branch_staff',
    });
    await adminA.patch(`/api/staff/${target.id}`, { role: 'compliance' });
    expect((await adminA.patch(`/api/staff/${target.id}`, {})).status).toBe(
      400,
    );
    expect(
      (await adminA.patch(`/api/staff/${target.id}`, { role: null })).status,
    ).toBe(400);
  });

  it('disabling ends every session of the account at once; enabling lets it sign in again', async () => {
    const target = await staffByUsername(t, 'branch_staff-1001');
    const [first, second] = [StaffBrowser.of(t), StaffBrowser.of(t)];
    await first.login('branch_staff-1001');
    await second.login('branch_staff-1001');
    const res = await adminA.patch(`/api/staff/${target.id}`, {
      disabled: true,
    });
    expect(res.body).toMatchObject({ disabled: true });
    expect((await first.get('/api/auth/me')).status).toBe(401);
    expect((await second.get('/api/auth/me')).status).toBe(401);
    expect((await StaffBrowser.of(t).login('branch_staff-1001')).status).toBe(
      401,
    );
    const event = (await audit('staff.update')).find(
      (e) => e.targetId === target.id && e.details.includes('disabled'),
    );
    expect(JSON.parse(event?.details ?? '{}').sessionsEnded).toBe(2);
    await adminA.patch(`/api/staff/${target.id}`, { disabled: false });
    expect((await StaffBrowser.of(t).login('branch_staff-1001')).status).toBe(
      200,
    );
  });

  it('an admin cannot disable or demote themselves, nor reset their own password here', async () => {
    const me = await staffByUsername(t, 'admin-1001');
    for (const body of [{ disabled: true }, { role: 'manager' }]) {
      const res = await adminA.patch(`/api/staff/${me.id}`, body);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/自分自身/);
    }
    expect(
      (
        await adminA.patch(`/api/staff/${me.id}`, {
          displayName: '管理者A',
          role: 'admin',
        })
      ).status,
    ).toBe(200);
    expect(
      (await adminA.post(`/api/staff/${me.id}/reset-password`)).status,
    ).toBe(400);
  });

  it('resets a password: new one-time password, lock cleared, sessions ended, change required', async () => {
    const target = await staffByUsername(t, 'manager-1001');
    const session = StaffBrowser.of(t);
    await session.login('manager-1001');
    for (let i = 0; i < 10; i++)
      await StaffBrowser.of(t).login('manager-1001', `wrong-${i}`);
    expect(
      (await adminA.get('/api/staff')).body.find(
        (a: StaffAccount) => a.id === target.id,
      ).locked,
    ).toBe(true);
    const res = await adminA.post(`/api/staff/${target.id}/reset-password`);
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({
      locked: false,
      mustChangePassword: true,
    });
    expect((await session.get('/api/auth/me')).status).toBe(401);
    const fresh = StaffBrowser.of(t);
    expect(
      (await fresh.login('manager-1001', res.body.oneTimePassword)).body
        .mustChangePassword,
    ).toBe(true);
    expect(
      (await audit('staff.reset_password')).map((e) => JSON.parse(e.details)),
    ).toEqual([{ username: 'manager-1001', unlocked: true, sessionsEnded: 1 }]);
  });
});
