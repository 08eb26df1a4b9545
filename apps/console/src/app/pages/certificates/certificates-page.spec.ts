import { MatDateRangeInputHarness } from '@angular/material/datepicker/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { searchItem } from '../../../testing/certificates.fixture';
import { eachTest, params, settle } from '../../../testing/http';
import { CertificatesPageTest } from './certificates-page.testing';
import { TYPING_DEBOUNCE_MS } from './search-form';

describe('CertificatesPage / 証明書検索: the URL, filters and results', () => {
  const t = eachTest(() => new CertificatesPageTest());

  describe('the URL is the search', () => {
    it('sends the filters of the URL to the API and shows them in the form', async () => {
      await t.open(
        '/certificates?q=ﾔﾏﾀﾞ&status=expired,renewal_due&branch=001&ibRole=administrator' +
          '&expiresFrom=2026-11-01&expiresTo=2026-12-31&sort=company',
      );
      expect(params(t.searchRequest())).toEqual({
        limit: '50',
        q: 'ﾔﾏﾀﾞ',
        status: 'expired,renewal_due',
        branch: '001',
        ibRole: 'administrator',
        expiresFrom: '2026-11-01',
        expiresTo: '2026-12-31',
        sort: 'company',
      });
      await t.answer([searchItem(1)]);

      expect(await (await t.box()).getValue()).toBe('ﾔﾏﾀﾞ');
      const selected = await (
        await t.statusChips()
      ).getChips({ selected: true });
      expect(await Promise.all(selected.map((c) => c.getText()))).toEqual([
        '更新期間中',
        '期限切れ（ログオン不可）',
      ]);
      const branch = await (await t.field('店番')).getControl(MatInputHarness);
      expect(await branch?.getValue()).toBe('001');
      expect(await (await t.select('管理者／利用者')).getValueText()).toBe(
        '管理者',
      );
      expect(await (await t.select('並び順')).getValueText()).toBe('会社名順');
      const range = await t.loader.getHarness(MatDateRangeInputHarness);
      expect(await (await range.getStartInput()).getValue()).toBe('2026/11/01');
      expect(await (await range.getEndInput()).getValue()).toBe('2026/12/31');
    });

    it('asks for the first page, sorted by expiry, with no filters', async () => {
      await t.open('/certificates');
      expect(params(t.searchRequest())).toEqual({ limit: '50' });
      await t.answer([]);
      expect(await (await t.select('並び順')).getValueText()).toBe(
        '有効期限順',
      );
    });

    it('puts each filter change in the URL and searches again', async () => {
      await t.open('/certificates');
      await t.answer([]);

      await (
        await t.statusChips()
      ).selectChips({ text: '期限切れ（ログオン不可）' });
      await settle();
      expect(t.url).toBe('/certificates?status=expired');
      expect(params(t.searchRequest())).toEqual({
        limit: '50',
        status: 'expired',
      });
      await t.answer([]);

      await t.choose('管理者／利用者', '利用者');
      expect(t.url).toBe('/certificates?status=expired&ibRole=user');
      await t.answer([]);

      await t.choose('並び順', '状態順');
      expect(t.url).toBe(
        '/certificates?status=expired&ibRole=user&sort=status',
      );
      expect(params(t.searchRequest())).toEqual({
        limit: '50',
        status: 'expired',
        ibRole: 'user',
        sort: 'status',
      });
      await t.answer([]);

      await (await t.button('条件をクリア')).click();
      await settle();
      expect(t.url).toBe('/certificates');
      expect(params(t.searchRequest())).toEqual({ limit: '50' });
      await t.answer([]);
    });

    it('searches typed text and dates once typing pauses, and waits for a whole 店番', async () => {
      await t.open('/certificates');
      await t.answer([]);

      await (await t.box()).setValue('  山田商事 ');
      const range = await t.loader.getHarness(MatDateRangeInputHarness);
      await (await range.getStartInput()).setValue('2026/12/01');
      await (await range.getEndInput()).setValue('2026/12/31');
      const branch = await (await t.field('店番')).getControl(MatInputHarness);
      await branch?.setValue('01');
      await branch?.blur();
      await new Promise((r) => setTimeout(r, TYPING_DEBOUNCE_MS + 50));
      await settle();
      expect(t.url).toBe(
        `/certificates?q=${encodeURIComponent('山田商事')}` +
          '&expiresFrom=2026-12-01&expiresTo=2026-12-31',
      );
      expect(params(t.searchRequest())).toEqual({
        limit: '50',
        q: '山田商事',
        expiresFrom: '2026-12-01',
        expiresTo: '2026-12-31',
      });
      await t.answer([]);
      expect(await (await t.field('店番')).getTextErrors()).toEqual([
        '3桁の数字で入力してください',
      ]);
    });
  });

  it('shows 契約者番号, 会社名 with kana, 利用者, 有効期限, 残り日数 and 状態', async () => {
    await t.open('/certificates');
    await t.answer([
      searchItem(1),
      searchItem(2, {
        ibUser: {
          id: 'u2',
          loginId: '0000000002U1',
          ibRole: 'user',
          name: '鈴木 花子',
        },
        expiryDate: null,
        daysLeft: null,
        status: 'not_issued',
      }),
    ]);
    expect(await t.headers()).toEqual([
      '契約者番号',
      '会社名',
      '利用者',
      '有効期限',
      '残り日数',
      '状態',
    ]);
    expect(await t.cells()).toEqual([
      [
        '0000000001店番 001',
        '株式会社山田商事1ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ',
        '管理者 山田 太郎 0000000001A0',
        '2026年11月1日(日)',
        '30日経過',
        '期限切れ（ログオン不可）',
      ],
      [
        '0000000002店番 001',
        '株式会社山田商事2ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ',
        '利用者 鈴木 花子 0000000002U1',
        '—',
        '—',
        '未取得',
      ],
    ]);
    const chip = t.element.querySelector('cd-status-chip');
    expect(chip?.getAttribute('data-status')).toBe('expired');
  });

  it('marks a closed customer 解約済み and a removed IB user 削除済み beside the status', async () => {
    await t.open('/certificates');
    await t.answer([
      searchItem(1, { status: 'revoked', closure: 'closed' }),
      searchItem(2, { status: 'revoked', closure: 'removed' }),
      searchItem(3),
    ]);
    expect((await t.cells()).map((row) => row[row.length - 1])).toEqual([
      '失効解約済み',
      '失効削除済み',
      '期限切れ（ログオン不可）',
    ]);
  });

  it('says 該当する電子証明書はありません when nothing matches', async () => {
    await t.open('/certificates?q=zzz');
    await t.answer([]);
    expect(t.element.textContent).toContain('該当する電子証明書はありません');
    expect(
      await t.loader.getAllHarnesses(MatButtonHarness.with({ text: '次へ' })),
    ).toHaveLength(0);
  });

  it('shows the API’s Japanese message and reasons when the search is refused', async () => {
    await t.open('/certificates?expiresTo=2026-02-30');
    await t.refuse(400, '入力内容に誤りがあります（expiresTo）', [
      {
        field: 'expiresTo',
        reason: 'expiresTo は実在する日付を YYYY-MM-DD 形式で指定してください',
      },
    ]);
    const alert = t.element.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain(
      '入力内容に誤りがあります（expiresTo）',
    );
    expect(alert?.textContent).toContain(
      'expiresTo は実在する日付を YYYY-MM-DD 形式で指定してください',
    );
    expect(await t.loader.getAllHarnesses(MatTableHarness)).toHaveLength(0);
  });
});
