import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HarnessLoader } from '@angular/cdk/testing';
import { MatNavListHarness } from '@angular/material/list/testing';
import { Title } from '@angular/platform-browser';
import { Router } from '@angular/router';
import { healthFixture } from '../testing/health.fixture';
import { App } from './app';
import { appConfig } from './app.config';

describe('App shell', () => {
  let fixture: ComponentFixture<App>;
  let loader: HarnessLoader;
  let http: HttpTestingController;
  let router: Router;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [...appConfig.providers, provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    fixture = TestBed.createComponent(App);
    loader = TestbedHarnessEnvironment.loader(fixture);
    await router.navigateByUrl('/');
    await fixture.whenStable();
    // The toolbar and the dashboard each ask for the health report.
    for (const req of http.match('/api/health')) {
      req.flush(healthFixture());
    }
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  const el = () => fixture.nativeElement as HTMLElement;

  it('lists the 7 sections, in order, in the side navigation', async () => {
    const nav = await loader.getHarness(MatNavListHarness);
    const items = await nav.getItems();
    const labels = await Promise.all(items.map((i) => i.getFullText()));
    const hrefs = await Promise.all(items.map((i) => i.getHref()));
    expect(labels.map((l) => l.trim())).toEqual([
      'ダッシュボード',
      '証明書検索',
      '再発行',
      '通知テンプレート',
      'レポート',
      '監査ログ',
      '職員管理',
    ]);
    expect(hrefs).toEqual([
      '/dashboard',
      '/certificates',
      '/reissues',
      '/templates',
      '/reports',
      '/audit',
      '/staff',
    ]);
  });

  it('redirects / to /dashboard and marks ダッシュボード active', async () => {
    expect(router.url).toBe('/dashboard');
    const nav = await loader.getHarness(MatNavListHarness);
    const [active] = await nav.getItems({ activated: true });
    expect((await active.getFullText()).trim()).toBe('ダッシュボード');
    expect(await nav.getItems({ activated: true })).toHaveLength(1);
    expect(el().querySelector('h1')?.textContent).toBe('ダッシュボード');
    expect(TestBed.inject(Title).getTitle()).toBe(
      'ダッシュボード | 電子証明書管理コンソール',
    );
  });

  it('shows the product name, user area and the API business date in the toolbar', () => {
    expect(el().querySelector('.cd-product')?.textContent).toBe(
      '電子証明書管理コンソール',
    );
    expect(el().querySelector('[data-testid="user-area"]')).not.toBeNull();
    expect(
      el()
        .querySelector('[data-testid="toolbar-business-date"]')
        ?.textContent?.trim(),
    ).toBe('業務日付 2026年12月01日(火)');
  });

  it('navigates to a coming-soon section from the navigation', async () => {
    const nav = await loader.getHarness(MatNavListHarness);
    const [item] = await nav.getItems({ fullText: /証明書検索/ });
    await item.click();
    await fixture.whenStable();
    expect(router.url).toBe('/certificates');
    expect(await item.isActivated()).toBe(true);
    expect(el().querySelector('h1')?.textContent).toBe('証明書検索');
    expect(el().textContent).toContain('今後のリリースで提供予定です');
    expect(TestBed.inject(Title).getTitle()).toBe(
      '証明書検索 | 電子証明書管理コンソール',
    );
  });

  it('sends unknown URLs to the dashboard', async () => {
    await router.navigateByUrl('/no-such-page');
    await fixture.whenStable();
    http.match('/api/health').forEach((req) => req.flush(healthFixture()));
    expect(router.url).toBe('/dashboard');
  });
});
