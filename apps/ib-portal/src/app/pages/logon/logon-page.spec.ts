import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ME, flushApiError, settle } from '../../../testing/fixtures';
import { LogonPage } from './logon-page';

@Component({ template: '' })
class Blank {}

describe('LogonPage', () => {
  let harness: RouterTestingHarness;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: '', pathMatch: 'full', component: LogonPage },
          { path: '**', component: Blank },
        ]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create('/');
  });

  afterEach(() => http.verify());

  const el = () => harness.routeNativeElement as HTMLElement;
  const logOnButton = () =>
    [...el().querySelectorAll('button')].find((b) =>
      b.textContent?.includes('ログオン'),
    ) as HTMLButtonElement;

  async function refuse(
    status: number,
    message: string,
    code: string,
  ): Promise<void> {
    logOnButton().click();
    harness.detectChanges();
    expect(logOnButton().disabled).toBe(true);
    expect(logOnButton().textContent?.trim()).toBe('ログオン中…');
    flushApiError(
      http.expectOne({ method: 'GET', url: '/ib/me' }),
      status,
      message,
      code,
    );
    await settle();
    harness.detectChanges();
  }

  it('logs on with the certificate and opens 重要なお知らせ', async () => {
    logOnButton().click();
    http.expectOne('/ib/me').flush(ME);
    await settle();
    expect(TestBed.inject(Router).url).toBe('/notices');
  });

  it.each([
    [
      'expired',
      403,
      '電子証明書の有効期限（2026年11月1日(日)）を過ぎたため、ログオンできません。',
    ],
    ['reissue_authorized', 403, '電子証明書の再発行が承認されています。'],
    ['no_certificate', 401, '電子証明書が提示されていません。'],
  ])(
    '%s: shows the reason and the way to 電子証明書取得',
    async (code, status, message) => {
      await refuse(status, message, code);
      expect(
        el().querySelector('[data-testid="logon-refusal"]')?.textContent,
      ).toContain(message);
      expect(
        el()
          .querySelector('[data-testid="go-acquisition"]')
          ?.getAttribute('href'),
      ).toBe('/acquisition');
      expect(
        el().querySelector('[data-testid="contact-credit-union"]'),
      ).toBeNull();
      expect(TestBed.inject(Router).url).toBe('/');
    },
  );

  it("past the limit: the seed's instruction to contact the credit union, no acquisition", async () => {
    await refuse(
      403,
      '電子証明書の有効期限日から90日を超過しているため、電子証明書を取得いただけません。',
      'reissue_required',
    );
    expect(
      el()
        .querySelector('[data-testid="contact-credit-union"]')
        ?.textContent?.trim(),
    ).toBe(
      '当金庫にて再発行処理が必要となりますので、当金庫までご連絡ください。',
    );
    expect(el().querySelector('[data-testid="go-acquisition"]')).toBeNull();
  });

  it('shows a refusal another screen sent back (navigation state)', async () => {
    await harness.navigateByUrl('/elsewhere');
    await TestBed.inject(Router).navigateByUrl('/', {
      state: {
        refusal: {
          message:
            '電子証明書の有効期限（2027年12月1日(水)）を過ぎたため、ログオンできません。',
          code: 'expired',
        },
      },
    });
    harness.detectChanges();
    expect(
      el().querySelector('[data-testid="logon-refusal"]')?.textContent,
    ).toContain('を過ぎたため、ログオンできません。');
    expect(el().querySelector('[data-testid="go-acquisition"]')).not.toBeNull();
  });

  it('a superseded certificate: only the reason (the new certificate logs on)', async () => {
    await refuse(
      403,
      'この電子証明書は更新済みのため使用できません。新しい電子証明書でログオンしてください。',
      'superseded',
    );
    expect(
      el().querySelector('[data-testid="logon-refusal"]')?.textContent,
    ).toContain('更新済み');
    expect(el().querySelector('[data-testid="go-acquisition"]')).toBeNull();
    expect(
      el().querySelector('[data-testid="contact-credit-union"]'),
    ).toBeNull();
  });
});
