import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import {
  Router,
  provideRouter,
  withComponentInputBinding,
} from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { flushApiError, settle } from '../../../testing/http';
import { sessionFixture } from '../../../testing/session.fixture';
import { LoginPage } from './login-page';

@Component({ template: '' })
class Blank {}

describe('LoginPage', () => {
  let harness: RouterTestingHarness;
  let loader: HarnessLoader;
  let http: HttpTestingController;
  let router: Router;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(
          [
            { path: 'login', component: LoginPage },
            { path: '**', component: Blank },
          ],
          withComponentInputBinding(),
        ),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
  });

  afterEach(() => http.verify());

  async function openLogin(url = '/login'): Promise<void> {
    harness = await RouterTestingHarness.create(url);
    loader = TestbedHarnessEnvironment.loader(harness.fixture);
  }

  const el = () => harness.routeNativeElement as HTMLElement;
  const text = (testId: string) =>
    el().querySelector(`[data-testid="${testId}"]`)?.textContent?.trim();

  async function fill(
    username: string,
    password: string,
  ): Promise<MatButtonHarness> {
    await (
      await loader.getHarness(
        MatInputHarness.with({ selector: '[formControlName=username]' }),
      )
    ).setValue(username);
    await (
      await loader.getHarness(
        MatInputHarness.with({ selector: '[formControlName=password]' }),
      )
    ).setValue(password);
    return loader.getHarness(MatButtonHarness.with({ text: 'ログイン' }));
  }

  it('shows the Japanese form', async () => {
    await openLogin();
    const fields = await loader.getAllHarnesses(MatFormFieldHarness);
    expect(await Promise.all(fields.map((f) => f.getLabel()))).toEqual([
      'ユーザー名',
      'パスワード',
    ]);
    expect(el().querySelector('h1')?.textContent?.trim()).toBe('ログイン');
  });

  it('says why the user was signed out (reason=expired)', async () => {
    await openLogin('/login?reason=expired&returnUrl=%2Faudit');
    expect(text('login-notice')).toBe(
      '一定時間操作がなかったため、ログアウトしました。再度ログインしてください。',
    );
  });

  it('asks for both fields before sending anything', async () => {
    await openLogin();
    await (
      await loader.getHarness(MatButtonHarness.with({ text: 'ログイン' }))
    ).click();
    const fields = await loader.getAllHarnesses(MatFormFieldHarness);
    expect(await fields[0].getTextErrors()).toEqual([
      'ユーザー名を入力してください',
    ]);
    expect(await fields[1].getTextErrors()).toEqual([
      'パスワードを入力してください',
    ]);
    http.expectNone('/api/auth/login');
  });

  it('shows the API message for wrong credentials, with the button disabled meanwhile', async () => {
    await openLogin();
    const button = await fill('manager-1001', 'wrong-password');
    await button.click();
    const req = http.expectOne({ method: 'POST', url: '/api/auth/login' });
    expect(req.request.body).toEqual({
      username: 'manager-1001',
      password: 'wrong-password',
    });
    expect(await button.isDisabled()).toBe(true);
    expect(await button.getText()).toBe('ログイン中…');

    flushApiError(req, 401, 'ユーザー名またはパスワードが正しくありません');
    await settle();
    await harness.fixture.whenStable();
    const alert = el().querySelector('[role="alert"]');
    expect(alert?.textContent?.trim()).toBe(
      'ユーザー名またはパスワードが正しくありません',
    );
    expect(await button.isDisabled()).toBe(false);
    const password = await loader.getHarness(
      MatInputHarness.with({ selector: '[formControlName=password]' }),
    );
    expect(await password.getValue()).toBe('');
    const fields = await loader.getAllHarnesses(MatFormFieldHarness);
    expect(await fields[1].getTextErrors()).toEqual([]);
    expect(router.url).toBe('/login');
  });

  it('goes to returnUrl after signing in when the user may open it', async () => {
    await openLogin('/login?returnUrl=%2Faudit%3Foutcome%3Ddenied');
    await (await fill('compliance-1001', 'certdesk-demo-2026')).click();
    http.expectOne('/api/auth/login').flush(sessionFixture('compliance'));
    await settle();
    expect(router.url).toBe('/audit?outcome=denied');
  });

  it("goes to the user's first page when returnUrl is not theirs", async () => {
    await openLogin('/login?returnUrl=%2Faudit');
    await (await fill('admin-1001', 'certdesk-demo-2026')).click();
    http.expectOne('/api/auth/login').flush(sessionFixture('admin'));
    await settle();
    expect(router.url).toBe('/staff');
  });

  it('goes to the password page when the account must change its password', async () => {
    await openLogin();
    await (await fill('new-staff', 'one-time-pass')).click();
    http
      .expectOne('/api/auth/login')
      .flush(sessionFixture('branch_staff', { mustChangePassword: true }));
    await settle();
    expect(router.url).toBe('/password');
  });
});
