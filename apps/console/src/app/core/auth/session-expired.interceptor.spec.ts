import { HttpClient } from '@angular/common/http';
import type { HttpTestingController } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { flushApiError, settle } from '../../../testing/http';
import { RoutedPageTest } from '../../../testing/routed-page';
import { AuthService } from './auth.service';
import { sessionExpiredInterceptor } from './session-expired.interceptor';

@Component({ template: '' })
class Blank {}

describe('sessionExpiredInterceptor', () => {
  let http: HttpTestingController;
  let client: HttpClient;
  let router: Router;
  let auth: AuthService;

  beforeEach(async () => {
    const t = new RoutedPageTest(
      [
        { path: 'login', component: Blank },
        { path: 'staff', component: Blank },
      ],
      [],
      [sessionExpiredInterceptor],
    );
    http = t.http;
    client = TestBed.inject(HttpClient);
    router = TestBed.inject(Router);
    auth = TestBed.inject(AuthService);
    await t.signIn('admin');
    await router.navigateByUrl('/staff?sort=name');
  });

  afterEach(() => http.verify());

  function get(url: string): Promise<unknown> {
    return firstValueFrom(client.get(url)).catch((e: unknown) => e);
  }

  it('on a 401 from an API call: forgets the session and goes to /login?reason=expired', async () => {
    const result = get('/api/staff');
    flushApiError(http.expectOne('/api/staff'), 401, 'ログインしてください');
    await expect(result).resolves.toMatchObject({ status: 401 });
    await settle();
    expect(auth.isSignedIn()).toBe(false);
    expect(router.url).toBe(
      '/login?reason=expired&returnUrl=%2Fstaff%3Fsort%3Dname',
    );
  });

  it('navigates once for several parallel 401s', async () => {
    const navigate = jest.spyOn(router, 'navigate');
    const a = get('/api/staff');
    const b = get('/api/audit?limit=50');
    flushApiError(http.expectOne('/api/staff'), 401, 'ログインしてください');
    flushApiError(
      http.expectOne('/api/audit?limit=50'),
      401,
      'ログインしてください',
    );
    await Promise.all([a, b]);
    expect(navigate).toHaveBeenCalledTimes(1);
  });

  const WRONG = 'ユーザー名またはパスワードが正しくありません';
  it.each([
    ['/api/auth/login', 401, 'wrong credentials', WRONG],
    ['/api/auth/me', 401, 'not signed in', WRONG],
    ['/api/staff', 403, 'not about the session', '権限がありません'],
  ])(
    'leaves %s answering %i to its caller (%s)',
    async (url, status, _, message) => {
      const result = get(url);
      flushApiError(http.expectOne(url), status, message);
      await expect(result).resolves.toMatchObject({ status });
      await settle();
      expect(auth.isSignedIn()).toBe(true);
      expect(router.url).toBe('/staff?sort=name');
    },
  );
});
