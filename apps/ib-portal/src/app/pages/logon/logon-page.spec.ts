import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import {
  IB_CONTACT_SENTENCE,
  IB_NO_CERTIFICATE_MESSAGE,
  IB_SUPERSEDED_MESSAGE,
  ibLogonDecision,
  pastLimitMessage,
} from '@certdesk/domain';
import { ME, flushApiError, settle } from '../../../testing/fixtures';
import { routedPageTest } from '../../../testing/routed-page';
import { LogonPage } from './logon-page';

describe('LogonPage', () => {
  let harness: RouterTestingHarness;
  let http: HttpTestingController;

  beforeEach(async () => {
    http = routedPageTest([
      { path: '', pathMatch: 'full', component: LogonPage },
    ]);
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

  /** The API's own refusal text (libs/domain decides and words every log-on refusal). */
  function reasonOf(
    expiryDate: string,
    today: string,
    reissue: 'authorized' | null = null,
  ): string {
    const decision = ibLogonDecision(
      { current: true, revoked: false, revocationReason: null },
      { expiryDate, reissue },
      today,
    );
    if (decision.ok) throw new Error('not a refusal');
    return decision.reason;
  }

  it.each([
    ['expired', 403, reasonOf('2026-11-01', '2026-11-10')],
    [
      'reissue_authorized',
      403,
      reasonOf('2026-11-01', '2026-11-10', 'authorized'),
    ],
    ['no_certificate', 401, IB_NO_CERTIFICATE_MESSAGE],
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
      expect(TestBed.inject(Router).url).toBe('/');
    },
  );

  it("past the limit: the server's reason says why, with the dates, and the seed's contact sentence once; no acquisition", async () => {
    const reason = reasonOf('2026-08-01', '2026-11-10');
    expect(reason).toBe(pastLimitMessage('2026-08-01'));
    await refuse(403, reason, 'reissue_required');
    const shown =
      el().querySelector('[data-testid="logon-refusal"]')?.textContent ?? '';
    expect(shown).toContain(
      '電子証明書の有効期限日（2026年8月1日(土)）から90日を超過したため（取得できるのは2026年10月30日(金)まででした）、ログオンも電子証明書の取得もできません。',
    );
    expect(shown.split(IB_CONTACT_SENTENCE)).toHaveLength(2); // exactly once
    expect(el().querySelector('[data-testid="go-acquisition"]')).toBeNull();
  });

  it('a revoked certificate: the contact sentence once', async () => {
    const decision = ibLogonDecision(
      { current: true, revoked: true, revocationReason: 'keyCompromise' },
      { expiryDate: '2027-11-01', revoked: true },
      '2026-11-10',
    );
    await refuse(403, decision.ok ? '' : decision.reason, 'revoked');
    const shown =
      el().querySelector('[data-testid="logon-refusal"]')?.textContent ?? '';
    expect(shown.split(IB_CONTACT_SENTENCE)).toHaveLength(2);
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
    await refuse(403, IB_SUPERSEDED_MESSAGE, 'superseded');
    expect(
      el().querySelector('[data-testid="logon-refusal"]')?.textContent,
    ).toContain('更新済み');
    expect(el().querySelector('[data-testid="go-acquisition"]')).toBeNull();
  });
});
