import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Permission } from '@certdesk/domain';
import {
  ActivatedRouteSnapshot,
  CanActivateFn,
  Router,
  RouterStateSnapshot,
  UrlTree,
  provideRouter,
} from '@angular/router';
import type { SessionInfo } from '@certdesk/contracts';
import { fakeApi, flushApiError } from '../../../testing/http';
import { sessionFixture } from '../../../testing/session.fixture';
import {
  ROUTE_PERMISSIONS,
  authGuard,
  guestGuard,
  homeRedirect,
  permissionGuard,
} from './auth.guards';

describe('auth guards', () => {
  let http: HttpTestingController;
  let router: Router;

  beforeEach(() => {
    http = fakeApi([provideRouter([])]);
    router = TestBed.inject(Router);
  });

  afterEach(() => http.verify());

  function run(
    guard: CanActivateFn,
    url: string,
    permissions: readonly Permission[] = [],
  ): Promise<unknown> {
    const route = {
      data: { [ROUTE_PERMISSIONS]: permissions },
    } as unknown as ActivatedRouteSnapshot;
    const state = { url } as RouterStateSnapshot;
    return Promise.resolve(
      TestBed.runInInjectionContext(() => guard(route, state)),
    );
  }

  const me = (session: SessionInfo | 401) => {
    const req = http.expectOne('/api/auth/me');
    if (session === 401) {
      flushApiError(req, 401, 'ログインしてください');
    } else {
      req.flush(session);
    }
  };

  const serialized = (result: unknown) =>
    result instanceof UrlTree ? router.serializeUrl(result) : result;

  describe('authGuard', () => {
    it('sends a signed-out user to /login with the URL they wanted', async () => {
      const result = run(authGuard, '/audit?from=2026-11-01');
      me(401);
      expect(serialized(await result)).toBe(
        '/login?returnUrl=%2Faudit%3Ffrom%3D2026-11-01',
      );
    });

    it('sends an account that must change its password to /password', async () => {
      const result = run(authGuard, '/staff');
      me(sessionFixture('admin', { mustChangePassword: true }));
      expect(serialized(await result)).toBe('/password');
    });

    it('lets a signed-in user through, asking the server only once', async () => {
      const first = run(authGuard, '/dashboard');
      me(sessionFixture('branch_staff'));
      expect(await first).toBe(true);
      expect(await run(authGuard, '/certificates')).toBe(true);
      http.expectNone('/api/auth/me');
    });
  });

  describe('permissionGuard', () => {
    it('opens a route when the user holds one of its permissions', async () => {
      const result = run(permissionGuard, '/reissues', [
        'reissues.request',
        'reissues.decide',
      ]);
      me(sessionFixture('branch_staff'));
      expect(await result).toBe(true);
    });

    it('sends a user without the permission to the 権限がありません page', async () => {
      const result = run(permissionGuard, '/audit', ['audit.read']);
      me(sessionFixture('branch_staff'));
      expect(serialized(await result)).toBe('/forbidden');
    });

    it('keeps the admin out of the dashboard', async () => {
      const result = run(permissionGuard, '/dashboard', ['certificates.read']);
      me(sessionFixture('admin'));
      expect(serialized(await result)).toBe('/forbidden');
    });
  });

  describe('guestGuard (log-in page)', () => {
    it('opens for a signed-out user, after asking /api/auth/me (which sets the XSRF cookie)', async () => {
      const result = run(guestGuard, '/login');
      me(401);
      expect(await result).toBe(true);
    });

    it('sends a signed-in user to their first page', async () => {
      const result = run(guestGuard, '/login');
      me(sessionFixture('admin'));
      expect(serialized(await result)).toBe('/staff');
    });
  });

  describe('homeRedirect', () => {
    it.each([
      ['admin', '/staff'],
      ['compliance', '/dashboard'],
    ] as const)('lands %s on %s', async (role, home) => {
      const result = TestBed.runInInjectionContext(() => homeRedirect());
      me(sessionFixture(role));
      await expect(result).resolves.toBe(home);
    });

    it('lands a signed-out user on /login', async () => {
      const result = TestBed.runInInjectionContext(() => homeRedirect());
      me(401);
      await expect(result).resolves.toBe('/login');
    });
  });
});
