import { Location } from '@angular/common';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { IbNotice } from '@certdesk/contracts';
import { ME, flushApiError, settle } from '../../../testing/fixtures';
import { routedPageTest } from '../../../testing/routed-page';
import { NoticeBodyPage } from './notice-body-page';
import { NoticesPage } from './notices-page';

const NOTICE: IbNotice = {
  id: 'renewal',
  kind: 'important_notice_renewal',
  title: '電子証明書の更新をお願いします',
  html: '<p>有効期限日は2027年12月1日(水)です。</p>\n<p><a href="/renewal">電子証明書の更新はこちら</a></p>\n<p>&lt;script&gt;</p>',
  text: '',
};

describe('重要なお知らせ', () => {
  let harness: RouterTestingHarness;
  let http: HttpTestingController;

  beforeEach(() => {
    http = routedPageTest([
      { path: 'notices', component: NoticesPage },
      { path: 'notices/:id', component: NoticeBodyPage },
    ]);
  });

  afterEach(() => http.verify());

  const el = () => harness.routeNativeElement as HTMLElement;
  async function open(url: string, notices: IbNotice[]): Promise<void> {
    harness = await RouterTestingHarness.create(url);
    http.expectOne('/ib/me').flush(ME);
    http.expectOne('/ib/notices').flush(notices);
    await settle();
    harness.detectChanges();
  }

  it('lists the notices under whose log-on this is', async () => {
    await open('/notices', [NOTICE]);
    expect(
      el().querySelector('[data-testid="logon-header"]')?.textContent,
    ).toContain('有限会社高橋電機');
    expect(
      el().querySelector('[data-testid="logon-header"]')?.textContent,
    ).toContain('管理者');
    const link = el().querySelector('a[href="/notices/renewal"]');
    expect(link?.textContent?.trim()).toBe('電子証明書の更新をお願いします');
  });

  it('says when there is nothing to show', async () => {
    await open('/notices', []);
    expect(
      el().querySelector('[data-testid="no-notices"]')?.textContent?.trim(),
    ).toBe('現在、重要なお知らせはありません。');
  });

  it('shows the body as HTML; 「電子証明書の更新はこちら」 opens the renewal in a separate window', async () => {
    await open('/notices/renewal', [NOTICE]);
    expect(
      el().querySelector('[data-testid="notice-title"]')?.textContent?.trim(),
    ).toBe('電子証明書の更新をお願いします');
    const body = el().querySelector(
      '[data-testid="notice-body"]',
    ) as HTMLElement;
    expect(body.textContent).toContain('<script>');
    expect(body.querySelector('script')).toBeNull();
    const open$ = jest.spyOn(window, 'open').mockReturnValue(null);
    const link = body.querySelector('a') as HTMLAnchorElement;
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    link.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(open$).toHaveBeenCalledWith('/renewal', '_blank');
    open$.mockRestore();
  });

  it('goes back to log-on when the certificate no longer logs on', async () => {
    harness = await RouterTestingHarness.create('/notices');
    flushApiError(
      http.expectOne('/ib/me'),
      403,
      'この電子証明書は更新済みのため使用できません。',
      'superseded',
    );
    http.match('/ib/notices'); // asked at the same time; its answer no longer matters
    await settle();
    expect(TestBed.inject(Router).url).toBe('/');
    expect(TestBed.inject(Location).getState()).toEqual({
      navigationId: expect.any(Number),
      refusal: {
        message: 'この電子証明書は更新済みのため使用できません。',
        code: 'superseded',
      },
    });
  });
});
