import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { eachTest, flushApiError } from '../../../testing/http';
import { ACCOUNTS, setUpStaffPage } from './staff-page.testing';

describe('StaffPage / 職員管理: the table and its row actions', () => {
  const t = eachTest(() => setUpStaffPage());

  it('lists the accounts with 権限 and 状態', async () => {
    const table = await t.loader.getHarness(MatTableHarness);
    const headers = await (await table.getHeaderRows())[0].getCellTextByIndex();
    expect(headers).toEqual(['ユーザー名', '氏名', '権限', '状態', '操作']);
    const rows = await table.getRows();
    const status = await Promise.all(
      rows.map(async (r) => (await r.getCellTextByColumnName())['status']),
    );
    expect(status).toEqual([
      '有効',
      '有効',
      'ロック中',
      '無効',
      '初回変更待ち',
    ]);
    const role = await (
      await t.cell('suzuki', 'role')
    ).getHarness(MatSelectHarness);
    expect(await role.getValueText()).toBe('役席');
  });

  it('offers no actions on the signed-in admin’s own row', async () => {
    const own = await t.cell('admin-1001', 'actions');
    expect(await own.getText()).toBe('（ご自身）');
    const role = await (
      await t.cell('admin-1001', 'role')
    ).getHarness(MatSelectHarness);
    expect(await role.isDisabled()).toBe(true);
  });

  it('disables an account after confirmation', async () => {
    await (await t.rowButton('sato', '無効にする')).click();
    const confirm = await t.root.getHarness(MatDialogHarness);
    expect(await confirm.getTitleText()).toBe(
      '佐藤 花子（sato）を無効にしますか',
    );
    await t.confirm('無効にする');
    const req = t.http.expectOne({ method: 'PATCH', url: '/api/staff/s1' });
    expect(req.request.body).toEqual({ disabled: true });
    req.flush({ ...ACCOUNTS[1], disabled: true });
    await t.answered();
    expect(await (await t.cell('sato', 'status')).getText()).toBe('無効');
    expect(await t.rowButton('sato', '有効にする')).toBeTruthy();
    const snack = await t.root.getHarness(MatSnackBarHarness);
    expect(await snack.getMessage()).toBe('佐藤 花子を無効にしました');
  });

  it('sends nothing when the confirmation is cancelled', async () => {
    await (await t.rowButton('tanaka', '有効にする')).click();
    const confirm = await t.root.getHarness(MatDialogHarness);
    await (
      await confirm.getHarness(MatButtonHarness.with({ text: 'キャンセル' }))
    ).click();
    await t.answered();
    t.http.expectNone('/api/staff/s3');
  });

  it('changes a role from the select, and puts it back when refused', async () => {
    const role = await (
      await t.cell('sato', 'role')
    ).getHarness(MatSelectHarness);
    await role.open();
    await role.clickOptions({ text: '役席' });
    const req = t.http.expectOne({ method: 'PATCH', url: '/api/staff/s1' });
    expect(req.request.body).toEqual({ role: 'manager' });
    req.flush({ ...ACCOUNTS[1], role: 'manager' });
    await t.answered();
    expect(
      await (await t.root.getHarness(MatSnackBarHarness)).getMessage(),
    ).toBe('佐藤 花子の権限を「役席」に変更しました');

    const other = await (
      await t.cell('ito', 'role')
    ).getHarness(MatSelectHarness);
    await other.open();
    await other.clickOptions({ text: 'システム管理' });
    flushApiError(
      t.http.expectOne('/api/staff/s4'),
      403,
      'この操作を行う権限がありません',
    );
    await t.answered();
    expect(await other.getValueText()).toBe('営業店');
  });
});
