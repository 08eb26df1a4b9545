import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import type { StaffRoleName } from '@certdesk/contracts';
import {
  customerDetail,
  ibUserView,
} from '../../../testing/certificates.fixture';
import { eachTest } from '../../../testing/http';
import { CustomerPageTest } from './customer-page.testing';

describe('CustomerPage / ご契約先: 解約・削除 by hand', () => {
  const t = eachTest(() => new CustomerPageTest());
  const user = ibUserView({ id: 'user-1', loginId: 'U-one', status: 'valid' });

  const open = (
    role: StaffRoleName,
    detail = customerDetail({ ibUsers: [user] }),
  ) => t.openAs(role, detail);

  const button = (text: string) =>
    t.loader.getAllHarnesses(MatButtonHarness.with({ text }));

  it('offers neither to branch staff', async () => {
    await open('branch_staff');
    expect(await button('解約する')).toHaveLength(0);
    expect(await button('利用者を削除')).toHaveLength(0);
  });

  it('a manager closes the customer with a reason; the page reads it again and shows 解約済み', async () => {
    await open('manager');
    await (await button('解約する'))[0].click();
    const dialog = await t.root.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('ご契約先を解約');
    // No reason: nothing is sent.
    await (
      await dialog.getHarness(MatButtonHarness.with({ text: '解約する' }))
    ).click();
    t.http.expectNone('/api/customers/cust-1/close');
    expect(await dialog.getText()).toContain('理由を入力してください');
    await (await dialog.getHarness(MatInputHarness)).setValue('解約届を受領');
    await (
      await dialog.getHarness(MatButtonHarness.with({ text: '解約する' }))
    ).click();
    const sent = t.http.expectOne({
      method: 'POST',
      url: '/api/customers/cust-1/close',
    });
    expect(sent.request.body).toEqual({ reason: '解約届を受領' });
    sent.flush({
      closedCustomers: 1,
      removedIbUsers: 1,
      revokedCertificates: 1,
      cancelledReissues: 0,
    });
    await t.rendered();
    const closure = {
      on: '2026-12-01',
      reason: '解約届を受領',
      source: 'manual' as const,
      sourceLabel: '職員による手動操作',
    };
    t.http.expectOne('/api/customers/cust-1').flush(
      customerDetail({
        closure: { status: 'closed', label: '解約済み', ...closure },
        ibUsers: [
          {
            ...user,
            status: 'revoked',
            closure: { status: 'removed', label: '削除済み', ...closure },
          },
        ],
      }),
    );
    t.answerNoReissues();
    await t.rendered();
    expect(
      await (await t.root.getHarness(MatSnackBarHarness)).getMessage(),
    ).toContain(
      'を解約しました（削除したIB利用者 1 名、失効した電子証明書 1 件）',
    );
    expect(t.text('customer-closure')).toContain('解約済み');
    expect(t.text('customer-closure')).toContain('解約届を受領');
    expect(t.text('ib-user-closure', t.card('U-one'))).toBe('削除済み');
    expect(await button('解約する')).toHaveLength(0);
    expect(await button('利用者を削除')).toHaveLength(0);
    expect(await button('再発行を依頼')).toHaveLength(0);
  });

  it('a manager removes one IB user; a refusal is shown in the dialog', async () => {
    await open('manager');
    await (await button('利用者を削除'))[0].click();
    const dialog = await t.root.getHarness(MatDialogHarness);
    expect(await dialog.getTitleText()).toBe('IB利用者を削除');
    await (await dialog.getHarness(MatInputHarness)).setValue('退職');
    await (
      await dialog.getHarness(MatButtonHarness.with({ text: '削除する' }))
    ).click();
    t.http.expectOne('/api/ib-users/user-1/remove').flush(
      {
        statusCode: 409,
        error: 'Conflict',
        message: 'この利用者は既に削除済みです。画面を更新してください',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await t.rendered();
    expect(await dialog.getText()).toContain('既に削除済みです');
    t.http.expectNone('/api/customers/cust-1');
  });
});
