import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { fakeApi, flushApiError } from '../../../testing/http';
import {
  HOME_AND_SECTIONS,
  sessionFixture,
} from '../../../testing/session.fixture';
import { AuthService } from './auth.service';

describe('AuthService', () => {
  let auth: AuthService;
  let http: HttpTestingController;

  beforeEach(() => {
    http = fakeApi();
    auth = TestBed.inject(AuthService);
  });

  afterEach(() => http.verify());

  /** AuthService.changePassword, the server accepting it (204). */
  async function changePassword(
    currentPassword: string,
    newPassword: string,
  ): Promise<void> {
    const change = auth.changePassword({ currentPassword, newPassword });
    http
      .expectOne({ method: 'POST', url: '/api/auth/password' })
      .flush(null, { status: 204, statusText: 'No Content' });
    await change;
  }

  it('asks GET /api/auth/me once, however many guards wait for it', async () => {
    const first = auth.ensureLoaded();
    const second = auth.ensureLoaded();
    http
      .expectOne({ method: 'GET', url: '/api/auth/me' })
      .flush(sessionFixture('compliance'));
    await expect(first).resolves.toMatchObject({ role: 'compliance' });
    await expect(second).resolves.toMatchObject({ role: 'compliance' });
    await auth.ensureLoaded();
    http.expectNone('/api/auth/me');
    expect(auth.isSignedIn()).toBe(true);
    expect(auth.session()?.displayName).toBe('デモ コンプライアンス');
  });

  it('remembers a 401 as signed out', async () => {
    const result = auth.ensureLoaded();
    flushApiError(http.expectOne('/api/auth/me'), 401, 'ログインしてください');
    await expect(result).resolves.toBeNull();
    await auth.ensureLoaded();
    http.expectNone('/api/auth/me');
    expect(auth.isSignedIn()).toBe(false);
  });

  it('asks again after a server error', async () => {
    const result = auth.ensureLoaded();
    flushApiError(http.expectOne('/api/auth/me'), 500, '内部エラー');
    await expect(result).resolves.toBeNull();
    const retry = auth.ensureLoaded();
    http.expectOne('/api/auth/me').flush(sessionFixture());
    await expect(retry).resolves.not.toBeNull();
  });

  it.each(HOME_AND_SECTIONS)(
    '%s: home %s and sections %j',
    async (role, home, labels) => {
      const loaded = auth.ensureLoaded();
      http.expectOne('/api/auth/me').flush(sessionFixture(role));
      await loaded;
      expect(auth.homeUrl()).toBe(home);
      expect(auth.navItems().map((i) => i.label)).toEqual(labels);
    },
  );

  it('answers can() from the permissions the server sent', async () => {
    const loaded = auth.ensureLoaded();
    http
      .expectOne('/api/auth/me')
      .flush(
        sessionFixture('branch_staff', { permissions: ['certificates.read'] }),
      );
    await loaded;
    expect(auth.can('certificates.read')).toBe(true);
    expect(auth.can('reissues.request')).toBe(false);
    expect(auth.mayOpen('/certificates?q=abc')).toBe(true);
    expect(auth.mayOpen('/reissues')).toBe(false);
    expect(auth.mayOpen('/login')).toBe(false);
  });

  it('signs in with POST /api/auth/login and remembers the session', async () => {
    const result = auth.login({
      username: 'manager-1001',
      password: 'secret-password',
    });
    const req = http.expectOne({ method: 'POST', url: '/api/auth/login' });
    expect(req.request.body).toEqual({
      username: 'manager-1001',
      password: 'secret-password',
    });
    req.flush(sessionFixture('manager'));
    await result;
    expect(auth.can('audit.read')).toBe(true);
    await auth.ensureLoaded();
    http.expectNone('/api/auth/me');
  });

  it('forgets the session on log-out even when the server call fails', async () => {
    const login = auth.login({ username: 'admin-1001', password: 'x' });
    http.expectOne('/api/auth/login').flush(sessionFixture('admin'));
    await login;
    const logout = auth.logout();
    flushApiError(
      http.expectOne({ method: 'POST', url: '/api/auth/logout' }),
      500,
      '内部エラー',
    );
    await expect(logout).rejects.toBeDefined();
    expect(auth.isSignedIn()).toBe(false);
    expect(auth.navItems()).toEqual([]);
    // The next guard asks the server again.
    void auth.ensureLoaded();
    flushApiError(http.expectOne('/api/auth/me'), 401, 'ログインしてください');
  });

  it('clears mustChangePassword after the password was changed', async () => {
    const loaded = auth.ensureLoaded();
    http
      .expectOne('/api/auth/me')
      .flush(sessionFixture('admin', { mustChangePassword: true }));
    await loaded;
    await changePassword('a', 'b');
    expect(auth.session()?.mustChangePassword).toBe(false);
    // What the guards see next (no new look-up).
    await expect(auth.ensureLoaded()).resolves.toMatchObject({
      mustChangePassword: false,
    });
  });

  it('gives the guards the changed password state after a forced change that followed log-in', async () => {
    const login = auth.login({ username: 'new-staff', password: 'one-time' });
    http
      .expectOne('/api/auth/login')
      .flush(sessionFixture('branch_staff', { mustChangePassword: true }));
    await login;
    await changePassword('one-time', 'kingfisher-orbit-27');
    await expect(auth.ensureLoaded()).resolves.toMatchObject({
      mustChangePassword: false,
    });
  });
});
