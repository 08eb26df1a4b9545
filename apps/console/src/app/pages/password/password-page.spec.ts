import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { AuthService } from '../../core/auth/auth.service';
import { flushApiError, settle } from '../../../testing/http';
import { RoutedPageTest } from '../../../testing/routed-page';
import { PasswordPage } from './password-page';

@Component({ template: '' })
class Blank {}

describe('PasswordPage', () => {
  let t: RoutedPageTest;

  beforeEach(async () => {
    t = new RoutedPageTest([
      { path: 'password', component: PasswordPage },
      { path: '**', component: Blank },
    ]);
    await t.signIn('admin', { mustChangePassword: true });
    await t.open('/password');
  });

  afterEach(() => t.http.verify());

  async function field(label: string): Promise<MatFormFieldHarness> {
    return t.loader.getHarness(
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
      const input = await t.loader.getHarness(
        MatInputHarness.with({ selector: `[formControlName=${name}]` }),
      );
      await input.setValue(value);
      await input.blur();
    }
  }

  const submit = async () => (await t.button('パスワードを変更')).click();

  it('says why the change is required', () => {
    expect(
      t.element.querySelector('[data-testid="password-forced"]')?.textContent,
    ).toContain('新しいパスワードを設定してください');
  });

  it('refuses a new password shorter than 12 characters, without asking the server', async () => {
    await fill('one-time', 'short123', 'short123');
    await submit();
    expect(await (await field('新しいパスワード')).getTextErrors()).toEqual([
      '12文字以上で入力してください（現在8文字）',
    ]);
    t.http.expectNone('/api/auth/password');
  });

  it('refuses a confirmation that differs, and clears the error once both match', async () => {
    await fill('one-time', 'a-long-enough-pass', 'a-long-enough-pasS');
    await submit();
    const confirm = await field('新しいパスワード（確認）');
    expect(await confirm.getTextErrors()).toEqual([
      '新しいパスワードと一致しません',
    ]);
    t.http.expectNone('/api/auth/password');

    await fill('one-time', 'a-long-enough-pasS', 'a-long-enough-pasS');
    expect(await confirm.getTextErrors()).toEqual([]);
  });

  it("shows the server's reasons when it refuses the new password", async () => {
    await fill('one-time', 'admin-1001-password', 'admin-1001-password');
    await submit();
    flushApiError(
      t.http.expectOne('/api/auth/password'),
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
    await t.rendered();
    const alert = t.element.querySelector('[data-testid="password-error"]');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toContain('新しいパスワードは使用できません');
    expect(
      Array.from(alert?.querySelectorAll('li') ?? [], (li) => li.textContent),
    ).toEqual([
      'ユーザー名を含むパスワードは使用できません',
      'よく使われるパスワードは使用できません',
    ]);
    expect(t.url).toBe('/password');
  });

  it('changes the password and goes to the first allowed page', async () => {
    await fill('one-time', 'kingfisher-orbit-27', 'kingfisher-orbit-27');
    await submit();
    const req = t.http.expectOne({ method: 'POST', url: '/api/auth/password' });
    expect(req.request.body).toEqual({
      currentPassword: 'one-time',
      newPassword: 'kingfisher-orbit-27',
    });
    req.flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(t.url).toBe('/staff');
    expect(TestBed.inject(AuthService).session()?.mustChangePassword).toBe(
      false,
    );
  });
});
