import { MatInputHarness } from '@angular/material/input/testing';
import { params } from '../../../testing/http';
import {
  AS_OF_TEXT,
  reportsPageTest,
  expiredUser,
  expiredUsers,
} from './reports-page.testing';

describe('ReportsPage / ロックアウト中・期限超過 lists', () => {
  const t = reportsPageTest();

  it('asks the list the tab names, 50 a page, and shows 店番 to 再取得期限 per user', async () => {
    await t.open('/reports?tab=locked-out');
    const req = t.request('/api/reports/locked-out');
    expect(params(req)).toEqual({ limit: '50' });
    await t.answer(
      req,
      expiredUsers([
        expiredUser(1),
        expiredUser(2, {
          branchCode: '002',
          branchName: '駅前支店',
          ibRole: 'user',
          ibUserName: '佐藤 花子',
          expiryDate: '2026-11-25',
          daysSinceExpiry: 6,
          selfServiceUntil: '2027-02-23',
        }),
      ]),
    );
    expect(t.text('report-as-of')).toBe(AS_OF_TEXT);
    expect(await t.headers()).toEqual([
      '店番',
      '店名',
      '契約者番号',
      '会社名',
      '利用者',
      '有効期限日',
      '期限切れからの日数',
      '再取得期限',
    ]);
    expect(await t.cells()).toEqual([
      [
        '001',
        '本店',
        '0000000001',
        '株式会社山田商事1ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ',
        '管理者 山田 太郎 0000000001A0',
        '2026年11月1日(日)',
        '30日',
        '2027年1月30日(土)',
      ],
      [
        '002',
        '駅前支店',
        '0000000002',
        '株式会社山田商事2ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ',
        '利用者 佐藤 花子 0000000002A0',
        '2026年11月25日(水)',
        '6日',
        '2027年2月23日(火)',
      ],
    ]);
    expect(t.element.querySelector('.cd-pager')).toBeNull();
  });

  it('pages with the cursor in the URL (次へ) and back through the history’s cursors (前へ)', async () => {
    await t.open('/reports?tab=past-limit&branch=001');
    await t.answer(
      t.request('/api/reports/past-limit'),
      expiredUsers([expiredUser(1)], 'c2'),
    );
    expect(await (await t.button('前へ')).isDisabled()).toBe(true);

    await (await t.button('次へ')).click();
    await t.rendered();
    expect(t.url).toBe('/reports?tab=past-limit&branch=001&cursor=c2');
    const req = t.request('/api/reports/past-limit');
    expect(params(req)).toEqual({ limit: '50', branch: '001', cursor: 'c2' });
    await t.answer(req, expiredUsers([expiredUser(51)], 'c3'));

    await (await t.button('次へ')).click();
    await t.rendered();
    expect(t.url).toBe('/reports?tab=past-limit&branch=001&cursor=c3');
    await t.answer(
      t.request('/api/reports/past-limit'),
      expiredUsers([expiredUser(101)]),
    );
    expect(await (await t.button('次へ')).isDisabled()).toBe(true);

    await (await t.button('前へ')).click();
    await t.rendered();
    expect(t.url).toBe('/reports?tab=past-limit&branch=001&cursor=c2');
    await t.answer(
      t.request('/api/reports/past-limit'),
      expiredUsers([expiredUser(51)], 'c3'),
    );
    await (await t.button('前へ')).click();
    await t.rendered();
    expect(t.url).toBe('/reports?tab=past-limit&branch=001');
    await t.answer(
      t.request('/api/reports/past-limit'),
      expiredUsers([expiredUser(1)], 'c2'),
    );
  });

  it('a new 店番 starts again from the first page', async () => {
    await t.open('/reports?tab=locked-out&cursor=c2');
    await t.answer(t.request('/api/reports/locked-out'), expiredUsers([]));
    await (await t.loader.getHarness(MatInputHarness)).setValue('003');
    await (await t.button('絞り込み')).click();
    await t.rendered();
    expect(t.url).toBe('/reports?tab=locked-out&branch=003');
    expect(params(t.request('/api/reports/locked-out'))).toEqual({
      limit: '50',
      branch: '003',
    });
  });

  it('opens the customer from the company link or anywhere on the row', async () => {
    await t.open('/reports?tab=locked-out');
    await t.answer(
      t.request('/api/reports/locked-out'),
      expiredUsers([expiredUser(7)]),
    );
    const link = t.element.querySelector<HTMLAnchorElement>('a.cd-company');
    expect(link?.getAttribute('href')).toBe('/customers/cust-7');
    t.element.querySelector<HTMLElement>('tr.cd-row td')?.click();
    await t.rendered();
    expect(t.url).toBe('/customers/cust-7');
  });

  it('says when nobody is locked out', async () => {
    await t.open('/reports?tab=locked-out');
    await t.answer(t.request('/api/reports/locked-out'), expiredUsers([]));
    expect(t.element.textContent).toContain('ロックアウト中の利用者はいません');
  });
});
