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
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { AuthService } from '../../core/auth/auth.service';
import { flushApiError, settle } from '../../../testing/http';
import { sessionFixture } from '../../../testing/session.fixture';
import { PasswordPage } from './password-page';

@Component({ template: '' })
class Blank {}

describe('PasswordPage', () => {
  let harness: RouterTestingHarness;
  let loader: HarnessLoader;
  let http: HttpTestingController;
  let auth: AuthService;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'password', component: PasswordPage },
          { path: '**', component: Blank },
        ]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthService);
    const signedIn = auth.login({
      username: 'admin-1001',
      password: 'one-time',
    });
    http
      .expectOne('/api/auth/login')
      .flush(sessionFixture('admin', { mustChangePassword: true }));
    await signedIn;
    harness = await RouterTestingHarness.create('/password');
    loader = TestbedHarnessEnvironment.loader(harness.fixture);
  });

  afterEach(() => http.verify());

  const el = () => harness.routeNativeElement as HTMLElement;

  async function field(label: string): Promise<MatFormFieldHarness> {
    return loader.getHarness(
      MatFormFieldHarness.with({ floatingLabelText: label }),
    );
  }

  async function fill(
    current: string,
    next: string,
    confirm: string,
  ): Promise<void> {
    for (const [name, value] of [
      ['currentPassword', current],
      ['newPassword', next],
      ['confirmPassword', confirm],
    ]) {
      const input = await loader.getHarness(
        MatInputHarness.with({ selector: `[formControlName=${name}]` }),
      );
      await input.setValue(value);
      await input.blur();
    }
  }

  const submit = async () =>
    (
      await loader.getHarness(
        MatButtonHarness.with({ text: 'パスワードを変更' }),
      )
    ).click();

  it('says why the change is required', () => {
    expect(
      el().querySelector('[data-testid="password-forced"]')?.textContent,
    ).toContain('新しいパスワードを設定してください');
  });

  it('refuses a new password shorter than 12 characters, without asking the server', async () => {
    await fill('one-time', 'short123', 'short123');
    await submit();
    expect(await (await field('新しいパスワード')).getTextErrors()).toEqual([
      '12文字以上で入力してください（現在8文字）',
    ]);
    http.expectNone('/api/auth/password');
  });

  it('refuses a confirmation that differs, and clears the error once both match', async () => {
    await fill('one-time', 'a-long-enough-pass', 'a-long-enough-pasS');
    await submit();
    const confirm = await field('新しいパスワード（確認）');
    expect(await confirm.getTextErrors()).toEqual([
      '新しいパスワードと一致しません',
    ]);
    http.expectNone('/api/auth/password');

    await fill('one-time', 'a-long-enough-pasS', 'a-long-enough-pasS');
    expect(await confirm.getTextErrors()).toEqual([]);
  });

  it("shows the server's reasons when it refuses the new password", async () => {
    await fill('one-time', 'admin-1001-password', 'admin-1001-password');
    await submit();
    flushApiError(
      http.expectOne('/api/auth/password'),
      400,
      '新しいパスワードは使用できません',
      [
        {
          field: 'newPassword',
          reason: 'ユーザー名を含むパスワードは使用できません',
        },
        {
          field: 'newPassword',
          reason: 'よく使われるパスワードは使用できません',
        },
      ],
    );
    await settle();
    await harness.fixture.whenStable();
    const alert = el().querySelector('[data-testid="password-error"]');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toContain('新しいパスワードは使用できません');
    expect(
      [...(alert?.querySelectorAll('li') ?? [])].map((li) => li.textContent),
    ).toEqual([
      'ユーザー名を含むパスワードは使用できません',
      'よく使われるパスワードは使用できません',
    ]);
    expect(TestBed.inject(Router).url).toBe('/password');
  });

  it('changes the password and goes to the first allowed page', async () => {
    await fill('one-time', 'kingfisher-orbit-27', 'kingfisher-orbit-27');
    await submit();
    const req = http.expectOne({ method: 'POST', url: '/api/auth/password' });
    expect(req.request.body).toEqual({
      currentPassword: 'one-time',
      newPassword: 'kingfisher-orbit-27',
    });
    req.flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(TestBed.inject(Router).url).toBe('/staff');
    expect(auth.session()?.mustChangePassword).toBe(false);
  });
});
