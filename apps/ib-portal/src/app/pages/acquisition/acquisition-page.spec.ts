import { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture } from '@angular/core/testing';
import { IB_CONTACT_SENTENCE, pastLimitMessage } from '@certdesk/domain';
import { ISSUED, fakeKeys, flushApiError } from '../../../testing/fixtures';
import {
  buttonNamed,
  inputLabelled,
  issuancePageTest,
  render as renderPage,
  typeInto,
} from '../../../testing/issuance-page';
import { AcquisitionPage } from './acquisition-page';

describe('AcquisitionPage', () => {
  let fixture: ComponentFixture<AcquisitionPage>;
  let http: HttpTestingController;
  let keys: ReturnType<typeof fakeKeys>;
  let save: jest.Mock;

  beforeEach(async () => {
    ({ fixture, http, keys, save } = issuancePageTest(AcquisitionPage));
    fixture.detectChanges();
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  const el = () => fixture.nativeElement as HTMLElement;
  const input = (label: string) => inputLabelled(el(), label);
  const type = (label: string, value: string) => typeInto(el(), label, value);
  const submit = () =>
    (buttonNamed(el(), '電子証明書を取得する') as HTMLButtonElement).click();
  const render = () => renderPage(fixture);
  function fill(loginId = '0000000004A0', code = '1002'): void {
    type('ログインID（契約者ID または 利用者ID）', loginId);
    type('暗証番号', '1234');
    type('確認暗証番号', '5678');
    type('金庫コード（任意）', code);
    type('電子証明書ファイルのパスワード', 'e2e-Acquire-2026');
    type('電子証明書ファイルのパスワード（確認）', 'e2e-Acquire-2026');
  }

  /** Sends the filled form and answers it with the API's refusal. */
  async function refusedWith(
    status: number,
    message: string,
    code: string,
  ): Promise<void> {
    fill();
    submit();
    await render();
    flushApiError(http.expectOne('/ib/acquisitions'), status, message, code);
    await render();
  }

  it('sends nothing and makes no key until the form is complete', async () => {
    submit();
    await render();
    expect(el().textContent).toContain('ログインIDを入力してください');
    expect(el().textContent).toContain('暗証番号を入力してください');
    expect(el().textContent).toContain('確認暗証番号を入力してください');
    expect(el().textContent).toContain('パスワードを入力してください');
    expect(keys.generateKeyPair).not.toHaveBeenCalled();
    http.expectNone('/ib/acquisitions');
  });

  it('acquires with the IDs, both PINs and the CSR made here, then installs the PKCS#12', async () => {
    fill(' 0000000004A0 ');
    submit();
    await render();
    const req = http.expectOne({ method: 'POST', url: '/ib/acquisitions' });
    expect(req.request.body).toEqual({
      loginId: '0000000004A0',
      pin: '1234',
      confirmationPin: '5678',
      creditUnionCode: '1002',
      csr: keys.createCsr.mock.results[0].value,
    });
    expect(keys.createCsr).toHaveBeenCalledWith(
      expect.anything(),
      '0000000004A0',
    );
    req.flush({ ...ISSUED, via: 'acquisition' });
    await render();
    expect(el().querySelector('h2')?.textContent?.trim()).toBe(
      '電子証明書のインストール',
    );
    (
      [...el().querySelectorAll('button')].find(
        (b) => b.textContent?.trim() === 'はい',
      ) as HTMLButtonElement
    ).click();
    await render();
    expect(save).toHaveBeenCalledWith(
      expect.any(Blob),
      'ib-certificate-20281120-4cc44347.p12',
    );
    expect(el().querySelector('h2')?.textContent?.trim()).toBe(
      '電子証明書のインストールが完了しました',
    );
    // Acquisition is not a window opened by the notice: it leads back to log-on instead of closing.
    expect(el().querySelector('a[href="/"]')?.textContent?.trim()).toBe(
      'ログオン画面へ',
    );
  });

  it('omits the credit union code when it is not given', async () => {
    fill('0000000004A0', '');
    submit();
    await render();
    const req = http.expectOne('/ib/acquisitions');
    expect('creditUnionCode' in req.request.body).toBe(false);
    req.flush(ISSUED);
  });

  it("wrong PINs: the API's message (tries left), PINs cleared, the rest kept", async () => {
    await refusedWith(
      401,
      'ログインIDまたは暗証番号が正しくありません。あと4回誤って入力されると、ご利用いただけなくなります。',
      'wrong_credentials',
    );
    expect(
      el().querySelector('[data-testid="acquisition-error"]')?.textContent,
    ).toContain('あと4回誤って入力されると、ご利用いただけなくなります。');
    expect(input('暗証番号').value).toBe('');
    expect(input('確認暗証番号').value).toBe('');
    expect(input('ログインID（契約者ID または 利用者ID）').value).toBe(
      '0000000004A0',
    );
  });

  it('a browser that cannot make the key: says so and sends nothing', async () => {
    keys.generateKeyPair.mockRejectedValueOnce(
      new DOMException('not supported', 'NotSupportedError'),
    );
    fill();
    submit();
    await render();
    http.expectNone('/ib/acquisitions');
    expect(
      el().querySelector('[data-testid="acquisition-error"]')?.textContent,
    ).toContain('このブラウザで鍵を作成できませんでした。');
  });

  it("past the limit: the server's refusal with the seed's contact sentence, said once", async () => {
    await refusedWith(
      409,
      pastLimitMessage('2026-08-01'),
      'issuance_reissue_required',
    );
    const shown =
      el().querySelector('[data-testid="acquisition-error"]')?.textContent ??
      '';
    expect(shown).toContain('から90日を超過したため');
    expect(shown.split(IB_CONTACT_SENTENCE)).toHaveLength(2); // exactly once
  });
});
