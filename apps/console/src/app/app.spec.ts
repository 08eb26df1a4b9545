import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HarnessLoader } from '@angular/cdk/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatNavListHarness } from '@angular/material/list/testing';
import { Title } from '@angular/platform-browser';
import { Router } from '@angular/router';
import type { SessionInfo } from '@certdesk/contracts';
import {
  customerDetail,
  dashboardSummary,
  searchItem,
} from '../testing/certificates.fixture';
import { healthFixture } from '../testing/health.fixture';
import { templateSummaries } from '../testing/notices.fixture';
import { reissuePage } from '../testing/reissues.fixture';
import { flushApiError, settle } from '../testing/http';
import { HOME_AND_SECTIONS, sessionFixture } from '../testing/session.fixture';
import { App } from './app';
import { appConfig } from './app.config';

describe('App: sign-in routing, shell and navigation per role', () => {
  let fixture: ComponentFixture<App>;
  let loader: HarnessLoader;
  let http: HttpTestingController;
  let router: Router;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [...appConfig.providers, provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    fixture = TestBed.createComponent(App);
    loader = TestbedHarnessEnvironment.loader(fixture);
  });

  afterEach(() => http.verify());

  const el = () => fixture.nativeElement as HTMLElement;
  const text = (testId: string) =>
    el().querySelector(`[data-testid="${testId}"]`)?.textContent?.trim();

  /** Answers what the shell and the landing page ask for (health, badge, staff list and pending changes, dashboard). */
  async function flushPageRequests(): Promise<void> {
    await fixture.whenStable();
    http.match('/api/health').forEach((req) => req.flush(healthFixture()));
    http.match('/api/staff').forEach((req) => req.flush([]));
    http.match('/api/staff-change-requests').forEach((req) => req.flush([]));
    http
      .match('/api/dashboard')
      .forEach((req) => req.flush(dashboardSummary()));
    http
      .match((req) => req.url === '/api/reissues')
      .forEach((req) => req.flush(reissuePage([])));
    await fixture.whenStable();
  }

  /** Opens `url` as a fresh page load whose `GET /api/auth/me` answers `session` (or 401). */
  async function open(url: string, session: SessionInfo | 401): Promise<void> {
    const navigation = router.navigateByUrl(url);
    await settle();
    const me = http.expectOne('/api/auth/me');
    if (session === 401) {
      flushApiError(me, 401, 'ログインしてください');
    } else {
      me.flush(session);
    }
    await navigation;
    await flushPageRequests();
  }

  async function navLabels(): Promise<string[]> {
    const nav = await loader.getHarness(MatNavListHarness);
    const items = await nav.getItems();
    return Promise.all(items.map(async (i) => (await i.getFullText()).trim()));
  }

  it('sends a signed-out visitor to the log-in page', async () => {
    await open('/', 401);
    expect(router.url).toBe('/login');
    expect(el().querySelector('h1')?.textContent?.trim()).toBe('ログイン');
    expect(await loader.getAllHarnesses(MatNavListHarness)).toHaveLength(0);
  });

  it('keeps the wanted URL when a signed-out visitor opens a page', async () => {
    await open('/audit?outcome=denied', 401);
    expect(router.url).toBe('/login?returnUrl=%2Faudit%3Foutcome%3Ddenied');
  });

  it.each(HOME_AND_SECTIONS)(
    '%s lands on %s and sees only %j',
    async (role, home, labels) => {
      await open('/', sessionFixture(role));
      expect(router.url).toBe(home);
      expect(await navLabels()).toEqual(labels);
    },
  );

  it('shows branch staff no 監査ログ, 職員管理 or レポート', async () => {
    await open('/', sessionFixture('branch_staff'));
    const labels = await navLabels();
    for (const hidden of ['監査ログ', '職員管理', 'レポート']) {
      expect(labels).not.toContain(hidden);
    }
  });

  it('shows the credit union, the user and their role in the toolbar', async () => {
    await open('/', sessionFixture('manager'));
    expect(text('credit-union')).toBe('さくら信用金庫');
    expect(text('user-name')).toBe('デモ 役席');
    expect(text('user-role')).toBe('役席');
    expect(text('toolbar-business-date')).toBe('業務日付 2026年12月1日(火)');
    expect(TestBed.inject(Title).getTitle()).toBe(
      'ダッシュボード | 電子証明書管理コンソール',
    );
    const nav = await loader.getHarness(MatNavListHarness);
    const [active] = await nav.getItems({ activated: true });
    expect((await active.getFullText()).trim()).toBe('ダッシュボード');
  });

  it('logs out to the log-in page', async () => {
    await open('/', sessionFixture('compliance'));
    const logout = await loader.getHarness(
      MatButtonHarness.with({ text: 'ログアウト' }),
    );
    await logout.click();
    http
      .expectOne({ method: 'POST', url: '/api/auth/logout' })
      .flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    // The log-in page's guard asks the server again (and so gets a fresh XSRF cookie).
    flushApiError(http.expectOne('/api/auth/me'), 401, 'ログインしてください');
    await settle();
    await fixture.whenStable();
    expect(router.url).toBe('/login?reason=logout');
    expect(text('login-notice')).toBe('ログアウトしました。');
  });

  it('tells a user who opens a section of another role that they may not use it', async () => {
    await open('/audit', sessionFixture('branch_staff'));
    expect(router.url).toBe('/forbidden');
    expect(el().querySelector('h1')?.textContent).toBe(
      'この画面を利用する権限がありません',
    );
    const link = await loader.getHarness(
      MatButtonHarness.with({ text: 'ダッシュボードへ移動' }),
    );
    expect(link).toBeTruthy();
  });

  it('sends an account that must change its password to the password page', async () => {
    await open('/staff', sessionFixture('admin', { mustChangePassword: true }));
    expect(router.url).toBe('/password');
    expect(el().querySelector('h1')?.textContent?.trim()).toBe(
      'パスワード変更',
    );
  });

  it('opens the console once the forced password change is done', async () => {
    await open('/staff', sessionFixture('admin', { mustChangePassword: true }));
    for (const [name, value] of [
      ['currentPassword', 'one-time-pass'],
      ['newPassword', 'kingfisher-orbit-27'],
      ['confirmPassword', 'kingfisher-orbit-27'],
    ]) {
      const input = await loader.getHarness(
        MatInputHarness.with({ selector: `[formControlName=${name}]` }),
      );
      await input.setValue(value);
    }
    await (
      await loader.getHarness(
        MatButtonHarness.with({ text: 'パスワードを変更' }),
      )
    ).click();
    http
      .expectOne({ method: 'POST', url: '/api/auth/password' })
      .flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    await flushPageRequests();
    expect(router.url).toBe('/staff');
    expect(await navLabels()).toEqual(['職員管理', '取込', '削除・解約の承認']);
  });

  it('opens 通知テンプレート from the navigation, with its tabs', async () => {
    await open('/', sessionFixture('manager'));
    const nav = await loader.getHarness(MatNavListHarness);
    const [item] = await nav.getItems({ fullText: /通知テンプレート/ });
    await item.click();
    await flushPageRequests();
    http.expectOne('/api/notice-templates').flush(templateSummaries());
    await fixture.whenStable();
    expect(router.url).toBe('/templates');
    expect(await item.isActivated()).toBe(true);
    expect(el().querySelector('h1')?.textContent).toBe('通知テンプレート');
    expect(
      Array.from(el().querySelectorAll('[mat-tab-link]')).map(
        (a) => a.textContent,
      ),
    ).toEqual(['テンプレート', '送信履歴', '通知スケジュール', '今すぐ実行']);
    expect(el().textContent).toContain('電子証明書更新のご案内（メール）');
    expect(TestBed.inject(Title).getTitle()).toBe(
      '通知テンプレート | 電子証明書管理コンソール',
    );
  });

  it('opens 証明書検索, and keeps it the active section on a customer page', async () => {
    await open('/', sessionFixture('branch_staff'));
    const nav = await loader.getHarness(MatNavListHarness);
    const [item] = await nav.getItems({ fullText: /証明書検索/ });
    await item.click();
    await fixture.whenStable();
    expect(router.url).toBe('/certificates');
    expect(TestBed.inject(Title).getTitle()).toBe(
      '証明書検索 | 電子証明書管理コンソール',
    );
    http
      .expectOne((req) => req.url === '/api/certificates')
      .flush({
        items: [searchItem(1)],
        nextCursor: null,
        today: '2026-12-01',
      });
    await fixture.whenStable();

    el().querySelector<HTMLAnchorElement>('a.cd-company')?.click();
    await settle();
    http.expectOne('/api/customers/cust-1').flush(customerDetail());
    await fixture.whenStable();
    expect(router.url).toBe('/customers/cust-1');
    expect(el().querySelector('h1')?.textContent?.trim()).toBe(
      '株式会社山田商事',
    );
    expect(await item.isActivated()).toBe(true);
    expect(TestBed.inject(Title).getTitle()).toBe(
      'ご契約先 | 電子証明書管理コンソール',
    );
  });

  it('sends unknown URLs to the first allowed page', async () => {
    await open('/no-such-page', sessionFixture('admin'));
    expect(router.url).toBe('/staff');
  });
});
