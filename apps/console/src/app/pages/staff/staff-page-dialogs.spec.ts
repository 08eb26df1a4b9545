import { Clipboard } from '@angular/cdk/clipboard';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { TestBed } from '@angular/core/testing';
import { eachTest, flushApiError } from '../../../testing/http';
import { ACCOUNTS, account, setUpStaffPage } from './staff-page.testing';

describe('StaffPage / 職員管理: adding members and one-time passwords', () => {
  const t = eachTest(() => setUpStaffPage());

  it('adds a member and shows the one-time password once, with a copy button', async () => {
    const copy = jest
      .spyOn(TestBed.inject(Clipboard), 'copy')
      .mockReturnValue(true);
    const form = await t.addForm('kato', '加藤 四郎', 'コンプライアンス');
    expect(await form.getTitleText()).toBe('職員を追加');
    await (
      await form.getHarness(MatButtonHarness.with({ text: '追加' }))
    ).click();

    const req = t.http.expectOne({ method: 'POST', url: '/api/staff' });
    expect(req.request.body).toEqual({
      username: 'kato',
      displayName: '加藤 四郎',
      role: 'compliance',
    });
    req.flush({
      account: account({
        id: 's5',
        username: 'kato',
        displayName: '加藤 四郎',
        role: 'compliance',
        mustChangePassword: true,
      }),
      oneTimePassword: 'Xq7-pL2m-9RtZ',
    });
    await t.answered();

    const dialogs = await t.root.getAllHarnesses(MatDialogHarness);
    expect(dialogs).toHaveLength(1);
    const shown = dialogs[0];
    expect(await shown.getTitleText()).toBe('職員を追加しました');
    const body = document.querySelector('[data-testid="one-time-password"]');
    expect(body?.textContent?.trim()).toBe('Xq7-pL2m-9RtZ');
    expect(
      document.querySelector('[data-testid="one-time-password-warning"]')
        ?.textContent,
    ).toContain('今だけ表示されます');
    await (
      await shown.getHarness(MatButtonHarness.with({ text: 'コピー' }))
    ).click();
    expect(copy).toHaveBeenCalledWith('Xq7-pL2m-9RtZ');
    expect(await shown.getText()).toContain('コピーしました');

    await (
      await shown.getHarness(MatButtonHarness.with({ text: '閉じる' }))
    ).click();
    expect(await t.root.getAllHarnesses(MatDialogHarness)).toHaveLength(0);
    expect(await (await t.cell('kato', 'status')).getText()).toBe(
      '初回変更待ち',
    );
  });

  it('keeps the add dialog open with the API message when the username is taken', async () => {
    const form = await t.addForm('sato', '佐藤 二号');
    await (
      await form.getHarness(MatButtonHarness.with({ text: '追加' }))
    ).click();
    flushApiError(
      t.http.expectOne('/api/staff'),
      409,
      'このユーザー名は既に使われています',
    );
    await t.answered();
    expect(await form.getText()).toContain(
      'このユーザー名は既に使われています',
    );
    expect(await t.root.getAllHarnesses(MatDialogHarness)).toHaveLength(1);
  });

  it('re-issues a password after confirmation and shows it', async () => {
    await (await t.rowButton('suzuki', 'パスワード再発行')).click();
    await t.confirm('再発行する');
    t.http
      .expectOne({ method: 'POST', url: '/api/staff/s2/reset-password' })
      .flush({
        account: { ...ACCOUNTS[2], locked: false, mustChangePassword: true },
        oneTimePassword: 'Nw4-kk8P-2mQa',
      });
    await t.answered();
    const shown = await t.root.getHarness(MatDialogHarness);
    expect(await shown.getTitleText()).toBe('パスワードを再発行しました');
    expect(await shown.getText()).toContain('Nw4-kk8P-2mQa');
    expect(await (await t.cell('suzuki', 'status')).getText()).toBe(
      '初回変更待ち',
    );
  });
});
