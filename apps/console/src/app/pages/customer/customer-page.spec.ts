import { HarnessLoader } from '@angular/cdk/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import { MatCardHarness } from '@angular/material/card/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import {
  LOCKED_OUT_REASON,
  certificateView,
  customerDetail,
  ibUserView,
} from '../../../testing/certificates.fixture';
import { flushApiError, settle } from '../../../testing/http';
import { CustomerPageTest } from './customer-page.testing';

describe('CustomerPage / ご契約先', () => {
  let t: CustomerPageTest;
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let loader: HarnessLoader;
  let router: Router;

  beforeEach(async () => {
    t = new CustomerPageTest();
    await t.start();
    ({ http, harness, loader, router } = t);
  });

  afterEach(() => http.verify());

  const el = () => t.element;
  const text = (testId: string, root: ParentNode = el()) =>
    t.text(testId, root);
  const open = (...args: Parameters<CustomerPageTest['openCustomer']>) =>
    t.openCustomer(...args);

  it('shows the company, its kana, contract number, branch and contact', async () => {
    await open(customerDetail());
    expect(el().querySelector('h1')?.textContent?.trim()).toBe(
      '株式会社山田商事',
    );
    expect(el().textContent).toContain('カ)ヤマダショウジ');
    expect(text('contract-number')).toBe('0000000001');
    expect(text('branch')).toBe('001 本店営業部');
    expect(text('contact')).toContain('03-1234-5678');
    expect(text('contact')).toContain('keiri@c0000000001.example.jp');
  });

  it('shows per IB user the role, login ID, status, the reason sentence and the certificate', async () => {
    await open(customerDetail());
    const [card] = await loader.getAllHarnesses(MatCardHarness);
    expect(await card.getTitleText()).toBe(
      '管理者山田 太郎期限切れ（ログオン不可）',
    );
    expect(await card.getSubtitleText()).toBe('ログインID 0000000001A0');
    const host = el().querySelector('[data-testid="ib-user-0000000001A0"]');
    if (!host) throw new Error('no card for 0000000001A0');
    expect(text('status-reason', host)).toBe(LOCKED_OUT_REASON);
    expect(text('days-left', host)).toBe('30日経過');
    const cert = text('current-certificate', host);
    expect(cert).toContain('7A:3F:0C');
    expect(cert).toContain('CN=0000000001A0,OU=0000000001');
    expect(cert).toContain('2025年11月1日(土) 〜 2026年11月1日(日)');
    expect(cert).not.toContain('フィンガープリント');
    expect(
      host.querySelector('cd-status-chip')?.getAttribute('data-status'),
    ).toBe('expired');
  });

  it('shows one card per IB user, and a user without a certificate as such', async () => {
    await open(
      customerDetail({
        ibUsers: [
          ibUserView(),
          ibUserView({
            id: 'user-2',
            loginId: '0000000001U1',
            ibRole: 'user',
            name: '鈴木 花子',
            status: 'not_issued',
            statusReason:
              '電子証明書は未取得です。ログオン画面の「電子証明書取得」から取得できます。',
            daysLeft: null,
            currentCertificate: null,
            history: [],
          }),
        ],
      }),
    );
    const cards = await loader.getAllHarnesses(MatCardHarness);
    expect(cards).toHaveLength(2);
    expect(await cards[1].getTitleText()).toBe('利用者鈴木 花子未取得');
    const text2 = await cards[1].getText();
    expect(text2).toContain('電子証明書はまだ取得されていません');
    expect(text2).toContain('電子証明書の履歴はありません');
    expect(text2).toContain('—');
  });

  it('shows 新しい電子証明書 after a renewal: 未使用 with the old one’s last day, or since when in use', async () => {
    await open(
      customerDetail({
        ibUsers: [
          ibUserView({
            status: 'valid',
            newCertificate: {
              firstLogonAt: null,
              label:
                '未使用（更新前の電子証明書で2026年11月25日(水)までログオンできます）',
              replacedSerialHex: 'a1',
            },
          }),
        ],
      }),
    );
    expect(
      el().querySelector('[data-testid="new-certificate-use"]')?.textContent,
    ).toContain('未使用（更新前の電子証明書で2026年11月25日(水)まで');
  });

  it('lists the certificate history newest first: issue, expiry, revocation with its reason', async () => {
    const renewed = certificateView({
      id: 'new',
      serialHex: 'b1',
      notBefore: '2026-11-19T15:00:00.000Z',
      notAfter: '2027-11-20T14:59:59.000Z',
      expiryDate: '2027-11-20',
      issuedVia: 'renewal',
      fingerprintSha256: 'ab'.repeat(32),
    });
    const old = certificateView({
      id: 'old',
      serialHex: 'a1',
      notBefore: '2025-11-24T15:00:00.000Z',
      expiryDate: '2026-11-25',
      issuedVia: 'initial',
      revokedAt: '2026-11-20T01:00:00.000Z',
      revocationReason: 'superseded',
      current: false,
    });
    const expiredLongAgo = certificateView({
      id: 'older',
      serialHex: '0f',
      notBefore: '2024-11-24T15:00:00.000Z',
      expiryDate: '2025-11-25',
      current: false,
    });
    await open(
      customerDetail({
        ibUsers: [
          ibUserView({
            status: 'valid',
            currentCertificate: renewed,
            history: [renewed, old, expiredLongAgo],
          }),
        ],
      }),
    );
    const items = Array.from(el().querySelectorAll('.cd-timeline li'), (li) =>
      li.textContent?.replace(/\s+/g, ' ').trim(),
    );
    // On one day, the newer certificate's event comes first.
    expect(items).toEqual([
      '2027年11月20日(土)有効期限日（予定） シリアル番号 B1（現在）',
      '2026年11月20日(金)発行（更新） シリアル番号 B1（現在）',
      '2026年11月20日(金)失効理由: 更新により新しい電子証明書に置き換え シリアル番号 A1',
      '2025年11月25日(火)発行（初回取得） シリアル番号 A1',
      '2025年11月25日(火)有効期限切れ シリアル番号 0F',
      '2024年11月25日(月)発行（移行データ） シリアル番号 0F',
    ]);
    expect(text('current-certificate')).toContain(
      Array(32).fill('AB').join(':'),
    );
  });

  it('reads another customer as 読み込み中, not the one shown before', async () => {
    await open(customerDetail());
    t.answerNoReissues();
    await router.navigate(['/customers', 'cust-2']);
    await settle();
    await harness.fixture.whenStable();
    expect(el().querySelector('h1')?.textContent?.trim()).toBe('ご契約先');
    expect(el().querySelector('[role="status"]')?.textContent?.trim()).toBe(
      '読み込み中…',
    );
    http
      .expectOne('/api/customers/cust-2')
      .flush(customerDetail({ id: 'cust-2', companyName: '株式会社鈴木工業' }));
    t.answerNoReissues();
    await settle();
    await harness.fixture.whenStable();
    t.answerNoReissues();
    expect(el().querySelector('h1')?.textContent?.trim()).toBe(
      '株式会社鈴木工業',
    );
  });

  it('says 「指定されたデータは見つかりません」 for an unknown customer', async () => {
    await router.navigateByUrl('/customers/nope');
    await settle();
    flushApiError(
      http.expectOne('/api/customers/nope'),
      404,
      '指定されたデータは見つかりません',
    );
    await settle();
    await harness.fixture.whenStable();
    expect(el().querySelector('[role="alert"]')?.textContent?.trim()).toBe(
      '指定されたデータは見つかりません',
    );
  });

  describe('検索結果に戻る', () => {
    const backLink = () => {
      const link = el().querySelector<HTMLAnchorElement>('a.cd-back');
      if (!link) throw new Error('no back link');
      return link;
    };

    it('goes back in history to the search that opened the page, query and all', async () => {
      await open(customerDetail(), '/certificates?q=%E5%B1%B1%E7%94%B0');
      expect(backLink().getAttribute('href')).toBe(
        '/certificates?q=%E5%B1%B1%E7%94%B0',
      );
      backLink().click();
      await new Promise((r) => setTimeout(r, 50));
      await settle();
      expect(router.url).toBe('/certificates?q=%E5%B1%B1%E7%94%B0');
    });

    it('opens the search when the page was opened directly', async () => {
      await open(customerDetail());
      expect(backLink().getAttribute('href')).toBe('/certificates');
      backLink().click();
      await settle();
      expect(router.url).toBe('/certificates');
    });
  });
});
