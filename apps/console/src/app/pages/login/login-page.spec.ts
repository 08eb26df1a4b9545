import { MatButtonHarness } from '@angular/material/button/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { Component } from '@angular/core';
import { flushApiError, settle } from '../../../testing/http';
import { RoutedPageTest } from '../../../testing/routed-page';
import { sessionFixture } from '../../../testing/session.fixture';
import { LoginPage } from './login-page';

@Component({ template: '' })
class Blank {}

describe('LoginPage', () => {
  let t: RoutedPageTest;

  beforeEach(() => {
    t = new RoutedPageTest([
      { path: 'login', component: LoginPage },
      { path: '**', component: Blank },
    ]);
  });

  afterEach(() => t.http.verify());

  const input = (name: string) =>
    t.loader.getHarness(
      MatInputHarness.with({ selector: `[formControlName=${name}]` }),
    );

  async function fill(
    username: string,
    password: string,
  ): Promise<MatButtonHarness> {
    await (await input('username')).setValue(username);
    await (await input('password')).setValue(password);
    return t.button('ログイン');
  }

  it('shows the Japanese form', async () => {
    await t.open('/login');
    const fields = await t.loader.getAllHarnesses(MatFormFieldHarness);
    expect(await Promise.all(fields.map((f) => f.getLabel()))).toEqual([
      'ユーザー名',
      'パスワード',
    ]);
    expect(t.element.querySelector('h1')?.textContent?.trim()).toBe('ログイン');
  });

  it('says why the user was signed out (reason=expired)', async () => {
    await t.open('/login?reason=expired&returnUrl=%2Faudit');
    expect(t.text('login-notice')).toBe(
      '一定時間操作がなかったため、ログアウトしました。再度ログインしてください。',
    );
  });

  it('asks for both fields before sending anything', async () => {
    await t.open('/login');
    await (await t.button('ログイン')).click();
    const fields = await t.loader.getAllHarnesses(MatFormFieldHarness);
    expect(await fields[0].getTextErrors()).toEqual([
      'ユーザー名を入力してください',
    ]);
    expect(await fields[1].getTextErrors()).toEqual([
      'パスワードを入力してください',
    ]);
    t.http.expectNone('/api/auth/login');
  });

  it('shows the API message for wrong credentials, with the button disabled meanwhile', async () => {
    await t.open('/login');
    const button = await fill('manager-1001', 'wrong-password');
    await button.click();
    const req = t.http.expectOne({ method: 'POST', url: '/api/auth/login' });
    expect(req.request.body).toEqual({
      username: 'manager-1001',
      password: 'wrong-password',
    });
    expect(await button.isDisabled()).toBe(true);
    expect(await button.getText()).toBe('ログイン中…');

    flushApiError(req, 401, 'ユーザー名またはパスワードが正しくありません');
    await t.rendered();
    const alert = t.element.querySelector('[role="alert"]');
    expect(alert?.textContent?.trim()).toBe(
      'ユーザー名またはパスワードが正しくありません',
    );
    expect(await button.isDisabled()).toBe(false);
    expect(await (await input('password')).getValue()).toBe('');
    const fields = await t.loader.getAllHarnesses(MatFormFieldHarness);
    expect(await fields[1].getTextErrors()).toEqual([]);
    expect(t.url).toBe('/login');
  });

  it.each([
    [
      'goes to returnUrl after signing in when the user may open it',
      '/login?returnUrl=%2Faudit%3Foutcome%3Ddenied',
      ['compliance-1001', 'certdesk-demo-2026'],
      sessionFixture('compliance'),
      '/audit?outcome=denied',
    ],
    [
      "goes to the user's first page when returnUrl is not theirs",
      '/login?returnUrl=%2Faudit',
      ['admin-1001', 'certdesk-demo-2026'],
      sessionFixture('admin'),
      '/staff',
    ],
    [
      'goes to the password page when the account must change its password',
      '/login',
      ['new-staff', 'one-time-pass'],
      sessionFixture('branch_staff', { mustChangePassword: true }),
      '/password',
    ],
  ] as const)('%s', async (_, url, [username, password], session, landing) => {
    await t.open(url);
    await (await fill(username, password)).click();
    t.http.expectOne('/api/auth/login').flush(session);
    await settle();
    expect(t.url).toBe(landing);
  });
});
