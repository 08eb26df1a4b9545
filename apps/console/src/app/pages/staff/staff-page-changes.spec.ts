import { HarnessLoader } from '@angular/cdk/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import {
  MatRowHarness,
  MatTableHarness,
} from '@angular/material/table/testing';
import { flushApiError } from '../../../testing/http';
import {
  ACCOUNTS,
  StaffPageTest,
  account,
  change,
  SIGNED_IN_ADMIN,
  kanriCreation,
  setUpStaffPage,
  suzukiChange,
} from './staff-page.testing';

const ACCEPTED = { status: 202, statusText: 'Accepted' };

describe('StaffPage / 職員管理: changes that wait for a second admin', () => {
  let t: StaffPageTest;
  let http: HttpTestingController;
  let loader: HarnessLoader;
  let root: HarnessLoader;

  afterEach(() => http.verify());

  async function open(...changes: ReturnType<typeof change>[]) {
    t = await setUpStaffPage(changes);
    ({ http, loader, root } = t);
  }
  const answered = () => t.answered();
  const snack = async () =>
    (await root.getHarness(MatSnackBarHarness)).getMessage();
  const changeRows = async (): Promise<MatRowHarness[]> =>
    (
      await loader.getHarness(
        MatTableHarness.with({ selector: '.cd-change-table' }),
      )
    ).getRows();
  async function changeButton(
    username: string,
    text: string,
  ): Promise<MatButtonHarness> {
    for (const row of await changeRows()) {
      const cells = await row.getCellTextByColumnName();
      if (cells['target'].includes(`（${username}）`))
        return (await row.getCells({ columnName: 'actions' }))[0].getHarness(
          MatButtonHarness.with({ text }),
        );
    }
    throw new Error(`no pending change for ${username}`);
  }

  it('lists the pending changes: 承認 / 却下 for others’ requests, 取消 for one’s own, nothing on one’s own account', async () => {
    await open(
      change({ id: 'c1' }),
      suzukiChange('reset_password', { id: 'c2' }),
      change({
        id: 'c3',
        kind: 'reset_password',
        staffId: 'staff-admin',
        username: 'admin-1001',
        displayName: 'デモ システム管理',
        role: null,
        fromRole: null,
      }),
    );
    const rows = await Promise.all(
      (await changeRows()).map((r) => r.getCellTextByColumnName()),
    );
    const words = (text: string) => text.replace(/\s+/g, ' ');
    expect(rows.map((r) => [r['change'], words(r['actions'])])).toEqual([
      ['権限の変更（営業店 → 役席）', '承認 却下'],
      ['パスワード再発行', '別の管理者の承認待ち 取消'],
      ['パスワード再発行', '（ご自身に関する変更）'],
    ]);
    expect(rows[0]['requestedBy']).toBe('デモ 管理者B 2026/11/30 10:00');
  });

  it('approving a role change applies it to the table', async () => {
    await open(change({ id: 'c1' }));
    await (await changeButton('sato', '承認')).click();
    const dialog = await root.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('変更を承認');
    expect(await dialog.getText()).toContain('権限の変更（営業店 → 役席）');
    await t.confirm('承認する');
    const req = http.expectOne({
      method: 'POST',
      url: '/api/staff-change-requests/c1/approve',
    });
    expect(req.request.body).toEqual({});
    req.flush({
      request: change({ id: 'c1', status: 'approved' }),
      account: { ...ACCOUNTS[1], role: 'manager' },
    });
    await answered();
    expect(await snack()).toBe('佐藤 花子の変更を承認しました');
    const role = await (
      await t.cell('sato', 'role')
    ).getHarness(MatSelectHarness);
    expect(await role.getValueText()).toBe('役席');
    expect(
      await loader.getAllHarnesses(
        MatTableHarness.with({ selector: '.cd-change-table' }),
      ),
    ).toHaveLength(0);
  });

  it('approving an admin’s creation shows the one-time password to the approver', async () => {
    await open(kanriCreation({ id: 'c9' }));
    await (await changeButton('kanri', '承認')).click();
    await t.confirm('承認する');
    http.expectOne('/api/staff-change-requests/c9/approve').flush({
      request: change({ id: 'c9', status: 'approved' }),
      account: account({
        id: 's9',
        username: 'kanri',
        displayName: '新任 管理者',
        role: 'admin',
        mustChangePassword: true,
      }),
      oneTimePassword: 'Ab3de-Fg4hi-Jk5mn-Pq6rs',
    });
    await answered();
    const shown = await root.getHarness(MatDialogHarness);
    expect(await shown.getTitleText()).toBe(
      '承認しました（職員を追加しました）',
    );
    expect(await shown.getText()).toContain('Ab3de-Fg4hi-Jk5mn-Pq6rs');
    expect(await (await t.cell('kanri', 'status')).getText()).toBe(
      '初回変更待ち',
    );
  });

  it('a rejection needs a reason; the server’s refusal is shown in the dialog', async () => {
    await open(change({ id: 'c1' }));
    await (await changeButton('sato', '却下')).click();
    const dialog = await root.getHarness(MatDialogHarness);
    const confirm = await dialog.getHarness(
      MatButtonHarness.with({ text: '却下する' }),
    );
    await confirm.click();
    http.expectNone('/api/staff-change-requests/c1/reject');
    expect(await dialog.getText()).toContain(
      '却下の理由をコメントに入力してください',
    );
    await (await dialog.getHarness(MatInputHarness)).setValue('発令なし');
    await confirm.click();
    const req = http.expectOne('/api/staff-change-requests/c1/reject');
    expect(req.request.body).toEqual({ comment: '発令なし' });
    flushApiError(
      req,
      409,
      'この依頼は既に処理されています。画面を更新してください',
    );
    await answered();
    expect(await dialog.getText()).toContain('この依頼は既に処理されています');
    expect(await changeRows()).toHaveLength(1);
  });

  it('a role of 役席 says 「承認待ちになりました」, keeps the role and lists the request', async () => {
    await open();
    const role = await (
      await t.cell('sato', 'role')
    ).getHarness(MatSelectHarness);
    await role.open();
    await role.clickOptions({ text: '役席' });
    http
      .expectOne({ method: 'PATCH', url: '/api/staff/s1' })
      .flush(
        { pendingChange: change({ id: 'c7' }), account: ACCOUNTS[1] },
        ACCEPTED,
      );
    await answered();
    expect(await snack()).toBe(
      '佐藤 花子の権限「役席」への変更は承認待ちになりました（別のシステム管理者の承認で反映されます）',
    );
    expect(await role.getValueText()).toBe('営業店');
    const [row] = await changeRows();
    expect(
      (await row.getCellTextByColumnName())['actions'].replace(/\s+/g, ' '),
    ).toBe('承認 却下');
  });

  it('adding an admin and resetting an admin’s password say 「承認待ちになりました」 and show no password', async () => {
    await open();
    const form = await t.addForm('kanri', '新任 管理者', 'システム管理');
    expect(await form.getText()).toContain(
      '別のシステム管理者が承認すると追加されます',
    );
    await (
      await form.getHarness(MatButtonHarness.with({ text: '追加' }))
    ).click();
    http.expectOne({ method: 'POST', url: '/api/staff' }).flush(
      {
        pendingChange: kanriCreation({
          id: 'c8',
          requestedBy: SIGNED_IN_ADMIN,
        }),
      },
      ACCEPTED,
    );
    await answered();
    expect(await snack()).toMatch(/^新任 管理者の追加は承認待ちになりました/);
    expect(await root.getAllHarnesses(MatDialogHarness)).toHaveLength(0);
    await expect(t.cell('kanri', 'status')).rejects.toThrow('no row');

    await (await t.rowButton('suzuki', 'パスワード再発行')).click();
    await t.confirm('再発行する');
    http.expectOne('/api/staff/s2/reset-password').flush(
      {
        pendingChange: suzukiChange('reset_password', { id: 'c6' }),
        account: ACCOUNTS[2],
      },
      ACCEPTED,
    );
    await answered();
    expect(await snack()).toMatch(
      /^鈴木 一郎のパスワード再発行は承認待ちになりました/,
    );
    expect(await root.getAllHarnesses(MatDialogHarness)).toHaveLength(0);
    expect(await changeRows()).toHaveLength(2);

    await (await changeButton('suzuki', '取消')).click();
    await t.confirm('取り消す');
    http
      .expectOne({
        method: 'POST',
        url: '/api/staff-change-requests/c6/cancel',
      })
      .flush({ request: change({ id: 'c6', status: 'cancelled' }) });
    await answered();
    expect(await snack()).toBe('依頼を取り消しました');
    expect(await changeRows()).toHaveLength(1);
  });
  it('asks a second admin to reset a member’s second factors (二要素認証リセット)', async () => {
    await open();
    await (await t.rowButton('suzuki', '二要素認証リセット')).click();
    const dialog = await root.getHarness(MatDialogHarness);
    expect(await dialog.getText()).toContain('別のシステム管理者が承認すると');
    await t.confirm('リセットを依頼する');
    http
      .expectOne({ method: 'POST', url: '/api/staff/s2/reset-second-factor' })
      .flush(
        {
          pendingChange: suzukiChange('reset_factors', { id: 'c9' }),
        },
        ACCEPTED,
      );
    await answered();
    expect(await snack()).toMatch(
      /^鈴木 一郎の二要素認証のリセットは承認待ちになりました/,
    );
    expect(await changeRows()).toHaveLength(1);
  });
});
