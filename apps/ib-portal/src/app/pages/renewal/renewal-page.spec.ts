import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture } from '@angular/core/testing';
import type { IbRenewalSessionView } from '@certdesk/contracts';
import { ISSUED, fakeKeys, flushApiError } from '../../../testing/fixtures';
import {
  buttonNamed,
  issuancePageTest,
  render as renderPage,
  typeInto,
} from '../../../testing/issuance-page';
import { RenewalPage } from './renewal-page';

const SESSION: IbRenewalSessionView = {
  id: '3f1c2a4e-8d1b-4f7a-9c55-0a6b1d2e3f40',
  expiresAt: '2027-11-20T00:10:00.000Z',
  action: 'save_to_pc',
  actionLabel: 'パソコンに保存する',
  certificate: { serialHex: '4cc4', expiryDate: '2027-12-01' },
};

describe('RenewalPage', () => {
  let fixture: ComponentFixture<RenewalPage>;
  let http: HttpTestingController;
  let keys: ReturnType<typeof fakeKeys>;
  let save: jest.Mock;

  beforeEach(() => {
    ({ fixture, http, keys, save } = issuancePageTest(RenewalPage));
  });

  afterEach(() => http.verify());

  const el = () => fixture.nativeElement as HTMLElement;
  const heading = () => el().querySelector('h2')?.textContent?.trim();
  const button = (name: string) => buttonNamed(el(), name);
  const render = () => renderPage(fixture);
  const type = (label: string, value: string) => typeInto(el(), label, value);

  async function openSession(): Promise<void> {
    fixture.detectChanges();
    expect(heading()).toBe('電子証明書更新前処理中');
    const req = http.expectOne({ method: 'POST', url: '/ib/renewals' });
    expect(req.request.body).toEqual({});
    req.flush(SESSION);
    await render();
  }

  it("prepares (更新前処理), then offers the credit union's button label", async () => {
    await openSession();
    expect(heading()).toBe('電子証明書の更新');
    expect(el().textContent).toContain('2027年12月1日(水)');
    expect(button('パソコンに保存する')).toBeDefined();
  });

  it('offers 「更新」 where the credit union does not use media storage (seed ④)', async () => {
    fixture.detectChanges();
    http
      .expectOne({ method: 'POST', url: '/ib/renewals' })
      .flush({ ...SESSION, action: 'update', actionLabel: '更新' });
    await render();
    expect(button('更新')).toBeDefined();
    expect(button('パソコンに保存する')).toBeUndefined();
    expect(el().textContent).toContain('「更新」をクリックしてください。');
  });

  it('shows the refusal outside the renewal window', async () => {
    fixture.detectChanges();
    flushApiError(
      http.expectOne('/ib/renewals'),
      409,
      '電子証明書の更新は有効期限日の30日前からです',
      'outside_renewal_window',
    );
    await render();
    expect(
      el().querySelector('[data-testid="renewal-error"]')?.textContent?.trim(),
    ).toBe('電子証明書の更新は有効期限日の30日前からです');
  });

  it('asks はい with the file passphrase, makes the key in the browser, sends only the CSR, installs and shows the contents', async () => {
    await openSession();
    button('パソコンに保存する')?.click();
    await render();
    expect(heading()).toBe('Webアクセスの確認');

    // Nothing happens without a valid passphrase typed twice.
    button('はい')?.click();
    await render();
    expect(keys.generateKeyPair).not.toHaveBeenCalled();
    expect(el().textContent).toContain('パスワードを入力してください');
    type('電子証明書ファイルのパスワード', 'secret-pass-1');
    type('電子証明書ファイルのパスワード（確認）', 'secret-pass-2');
    button('はい')?.click();
    await render();
    expect(el().textContent).toContain('パスワードが一致しません');
    expect(keys.generateKeyPair).not.toHaveBeenCalled();

    type('電子証明書ファイルのパスワード（確認）', 'secret-pass-1');
    button('はい')?.click();
    await render();
    expect(keys.generateKeyPair).toHaveBeenCalledTimes(1);
    expect(heading()).toBe('電子証明書発行処理中');
    const req = http.expectOne({
      method: 'POST',
      url: `/ib/renewals/${SESSION.id}/csr`,
    });
    expect(req.request.body).toEqual({
      csr: keys.createCsr.mock.results[0].value,
    });
    expect(JSON.stringify(req.request.body)).not.toContain('PRIVATE');
    req.flush(ISSUED);
    await render();

    expect(heading()).toBe('電子証明書のインストール');
    expect(save).not.toHaveBeenCalled();
    // ⑦: no 「インストールが完了しました」 and no import guide before the file was saved.
    expect(el().textContent).not.toContain('インストールが完了しました');
    expect(el().querySelector('ib-import-guide')).toBeNull();
    button('はい')?.click();
    await render();
    expect(keys.buildPkcs12).toHaveBeenCalledWith(
      expect.anything(),
      ISSUED.certificatePem,
      ISSUED.caCertificatePem,
      'secret-pass-1',
      'IB certificate 2028-11-20',
    );
    expect(save).toHaveBeenCalledWith(
      expect.any(Blob),
      'ib-certificate-20281120-4cc44347.p12',
    );
    expect((save.mock.calls[0][0] as Blob).type).toBe('application/x-pkcs12');

    expect(heading()).toBe('電子証明書のインストールが完了しました');
    expect(
      el().querySelector('[data-testid="certificate-subject"]')?.textContent,
    ).toContain('CN=0000000198A0');
    // The validity line names the date once, with the time in Japan.
    expect(
      el()
        .querySelector('[data-testid="certificate-expiry"]')
        ?.textContent?.trim(),
    ).toBe('2028年11月20日(月) 23:59:59まで（日本時間）');
    // Then how to import the file for each browser, and the seed's check (⑩).
    expect(el().querySelectorAll('ib-import-guide details')).toHaveLength(3);
    expect(
      el().querySelector('[data-testid="logon-check"]')?.textContent,
    ).toContain(
      'ブラウザをすべて閉じてから法人インターネットバンキングのログオン画面をもう一度開き、電子証明書の選択画面で新しい電子証明書（有効期限日 2028年11月20日(月)）を選んでログオンしてください。',
    );
    expect(el().textContent).toContain('RSA（2048ビット）');
    expect(button('このウィンドウを閉じる')).toBeDefined();

    // The file can be saved again while the window is open.
    button('電子証明書ファイルをもう一度保存する')?.click();
    expect(save).toHaveBeenCalledTimes(2);
  });

  it('shows the refusal of the issuance (e.g. the session was used)', async () => {
    await openSession();
    button('パソコンに保存する')?.click();
    await render();
    type('電子証明書ファイルのパスワード', 'secret-pass-1');
    type('電子証明書ファイルのパスワード（確認）', 'secret-pass-1');
    button('はい')?.click();
    await render();
    flushApiError(
      http.expectOne(`/ib/renewals/${SESSION.id}/csr`),
      409,
      'この更新手続きは完了済みです。続けて更新することはできません。',
      'renewal_session_used',
    );
    await render();
    expect(
      el().querySelector('[data-testid="issuance-error"]')?.textContent,
    ).toContain('この更新手続きは完了済みです');
    expect(save).not.toHaveBeenCalled();
  });
});
