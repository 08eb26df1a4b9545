import { MatAutocompleteHarness } from '@angular/material/autocomplete/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialogHarness } from '@angular/material/dialog/testing';
import { MatSnackBarHarness } from '@angular/material/snack-bar/testing';
import type { IbUserView, StaffRoleName } from '@certdesk/contracts';
import {
  customerDetail,
  ibUserView,
} from '../../../testing/certificates.fixture';
import { eachTest, params } from '../../../testing/http';
import { reissuePage, reissueView } from '../../../testing/reissues.fixture';
import { CustomerPageTest } from './customer-page.testing';

const REQUEST = '再発行を依頼';

/** One IB user per status, login IDs `U-<status>`. */
function usersIn(...statuses: IbUserView['status'][]): IbUserView[] {
  return statuses.map((status) =>
    ibUserView({ id: `id-${status}`, loginId: `U-${status}`, status }),
  );
}

describe('CustomerPage / ご契約先: 再発行を依頼', () => {
  const t = eachTest(() => new CustomerPageTest());
  const start = (role: StaffRoleName) => t.start(role);

  const buttonsIn = (loginId: string) =>
    Array.from(t.card(loginId).querySelectorAll('button'), (b) =>
      b.textContent?.trim(),
    );

  it('is offered to branch staff when the status calls for it (past the limit, revoked, locked out, or a lost PC)', async () => {
    await start('branch_staff');
    const statuses = [
      'reissue_required',
      'revoked',
      'expired',
      'valid',
      'renewal_due',
      'not_issued',
    ] as const;
    await t.openCustomer(customerDetail({ ibUsers: usersIn(...statuses) }));
    for (const status of statuses) {
      expect(buttonsIn(`U-${status}`)).toEqual(
        status === 'not_issued' ? [] : [REQUEST],
      );
    }
  });

  it('is not offered to compliance, who may not record requests', async () => {
    await start('compliance');
    await t.openCustomer(
      customerDetail({ ibUsers: usersIn('reissue_required') }),
    );
    expect(await t.loader.getAllHarnesses(MatButtonHarness)).toHaveLength(0);
  });

  it('links to the open request instead while one is open', async () => {
    await start('branch_staff');
    await t.openCustomer(
      customerDetail({
        ibUsers: usersIn('reissue_pending', 'reissue_authorized'),
      }),
    );
    for (const r of t.http.match((req) => req.url === '/api/reissues')) {
      const ibUserId = params(r)['ibUserId'] ?? '';
      r.flush(
        reissuePage([
          reissueView({ id: `closed-${ibUserId}`, status: 'rejected' }),
          reissueView({ id: `open-${ibUserId}` }),
        ]),
      );
    }
    await t.rendered();
    for (const status of ['reissue_pending', 'reissue_authorized']) {
      expect(buttonsIn(`U-${status}`)).toEqual([]);
      const link = t.card(`U-${status}`).querySelector('a');
      expect(link?.textContent?.trim()).toBe('再発行の依頼を表示');
      expect(link?.getAttribute('href')).toBe(`/reissues/open-id-${status}`);
    }
  });

  it.each<[StaffRoleName, number]>([
    ['branch_staff', 0],
    ['manager', 1],
  ])(
    'as %s: records the request, says so, and shows the card again (%i badge refresh)',
    async (role, badgeRequests) => {
      await start(role);
      const customer = customerDetail({ ibUsers: usersIn('reissue_required') });
      await t.openCustomer(customer);
      await (
        await t.loader.getHarness(MatButtonHarness.with({ text: REQUEST }))
      ).click();
      const dialog = await t.root.getHarness(MatDialogHarness);
      expect(await dialog.getText()).toContain('U-reissue_required');
      const identity = await dialog.getHarness(MatAutocompleteHarness);
      await identity.enterText('届出印の照合（電子証明書再発行依頼書）');
      await (
        await dialog.getHarness(MatButtonHarness.with({ text: '依頼する' }))
      ).click();
      const post = t.http.expectOne({ method: 'POST', url: '/api/reissues' });
      expect(post.request.body).toMatchObject({
        ibUserId: 'id-reissue_required',
        reason: 'past_limit',
        formReceivedOn: '2026-12-01',
      });
      post.flush(reissueView());
      await t.rendered();

      expect(
        await (await t.root.getHarness(MatSnackBarHarness)).getMessage(),
      ).toBe(
        '山田 太郎（U-reissue_required）の再発行を依頼しました。役席の承認をお待ちください',
      );
      const badge = t.http.match((r) => r.url === '/api/reissues');
      expect(badge).toHaveLength(badgeRequests);
      badge.forEach((r) => r.flush(reissuePage([reissueView()])));
      // The page stays while the customer is read again.
      expect(t.element.querySelector('h1')?.textContent?.trim()).toBe(
        '株式会社山田商事',
      );
      t.http
        .expectOne('/api/customers/cust-1')
        .flush(customerDetail({ ibUsers: usersIn('reissue_pending') }));
      await t.rendered();
      t.http
        .expectOne((r) => r.url === '/api/reissues')
        .flush(reissuePage([reissueView()]));
      await t.rendered();
      expect(
        t.card('U-reissue_pending').querySelector('cd-status-chip')
          ?.textContent,
      ).toContain('再発行承認待ち');
      expect(await t.root.getAllHarnesses(MatDialogHarness)).toHaveLength(0);
    },
  );

  it('sends nothing when the dialog is cancelled', async () => {
    await start('branch_staff');
    await t.openCustomer(customerDetail({ ibUsers: usersIn('expired') }));
    await (
      await t.loader.getHarness(MatButtonHarness.with({ text: REQUEST }))
    ).click();
    const dialog = await t.root.getHarness(MatDialogHarness);
    await (
      await dialog.getHarness(MatButtonHarness.with({ text: 'キャンセル' }))
    ).click();
    await t.rendered();
    t.http.expectNone('/api/reissues');
    t.http.expectNone('/api/customers/cust-1');
    expect(await t.root.getAllHarnesses(MatSnackBarHarness)).toHaveLength(0);
  });
});
