import { MatButtonHarness } from '@angular/material/button/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import type { StaffRoleName } from '@certdesk/contracts';
import {
  customerDetail,
  ibUserView,
} from '../../../testing/certificates.fixture';
import { eachTest } from '../../../testing/http';
import { CustomerPageTest } from './customer-page.testing';

const UNLOCK = 'ロック解除';

describe('CustomerPage / ご契約先: 暗証番号ロックの解除', () => {
  const t = eachTest(() => new CustomerPageTest());
  const locked = ibUserView({
    id: 'locked-1',
    loginId: 'U-locked',
    status: 'expired',
    pinLocked: true,
  });

  const open = (role: StaffRoleName) =>
    t.openAs(role, customerDetail({ ibUsers: [locked] }));

  it('shows the lock to branch staff without a way to clear it', async () => {
    await open('branch_staff');
    expect(t.card('U-locked').textContent).toContain(
      'ロック中（誤入力の繰り返し）',
    );
    expect(
      await t.loader.getAllHarnesses(MatButtonHarness.with({ text: UNLOCK })),
    ).toHaveLength(0);
  });

  it('lets a manager clear it, then reads the customer again', async () => {
    await open('manager');
    await (
      await t.loader.getHarness(MatButtonHarness.with({ text: UNLOCK }))
    ).click();
    t.http
      .expectOne({ method: 'POST', url: '/api/ib-users/locked-1/pin-unlock' })
      .flush(null, { status: 204, statusText: 'No Content' });
    await t.rendered();
    t.http
      .expectOne('/api/customers/cust-1')
      .flush(customerDetail({ ibUsers: [{ ...locked, pinLocked: false }] }));
    await t.rendered();
    expect(
      await (await t.root.getHarness(MatSnackBarHarness)).getMessage(),
    ).toBe('山田 太郎（U-locked）の暗証番号ロックを解除しました');
    expect(t.card('U-locked').textContent).not.toContain('ロック中');
  });

  it('says why when the API refuses', async () => {
    await open('manager');
    await (
      await t.loader.getHarness(MatButtonHarness.with({ text: UNLOCK }))
    ).click();
    t.http.expectOne('/api/ib-users/locked-1/pin-unlock').flush(
      {
        statusCode: 409,
        error: 'Conflict',
        message: 'この利用者の暗証番号はロックされていません',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await t.rendered();
    expect(
      await (await t.root.getHarness(MatSnackBarHarness)).getMessage(),
    ).toBe('この利用者の暗証番号はロックされていません');
    t.http.expectNone('/api/customers/cust-1');
  });
});
