import type { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { Router, provideRouter } from '@angular/router';
import { BaseChartDirective, NG_CHARTS_CONFIGURATION } from 'ng2-charts';
import { dashboardSummary } from '../../../testing/certificates.fixture';
import { healthFixture } from '../../../testing/health.fixture';
import { fakeApi, settle } from '../../../testing/http';
import { DashboardPage } from './dashboard-page';

describe('DashboardPage / ダッシュボード', () => {
  let fixture: ComponentFixture<DashboardPage>;
  let http: HttpTestingController;

  beforeEach(async () => {
    http = fakeApi([provideRouter([{ path: '**', children: [] }])]);
    fixture = TestBed.createComponent(DashboardPage);
    await fixture.whenStable();
    http.expectOne('/api/health').flush(healthFixture());
  });

  afterEach(() => http.verify());

  const el = () => fixture.nativeElement as HTMLElement;

  async function answer(): Promise<void> {
    http.expectOne('/api/dashboard').flush(dashboardSummary());
    await fixture.whenStable();
  }

  function cards(): [string, string, string | null][] {
    return Array.from(
      el().querySelectorAll<HTMLAnchorElement>('a.cd-stat'),
      (a): [string, string, string | null] => [
        a.querySelector('.cd-stat-label')?.textContent?.trim() ?? '',
        a.querySelector('.cd-stat-count')?.textContent?.trim() ?? '',
        a.getAttribute('href'),
      ],
    );
  }

  it('shows each count as a card that opens the search filtered to exactly it', async () => {
    await answer();
    expect(cards()).toEqual([
      [
        '7日以内に期限',
        '30件',
        '/certificates?status=renewal_due&expiresTo=2026-12-08',
      ],
      ['期限切れ（ログオン不可）', '80件', '/certificates?status=expired'],
      [
        '再発行が必要（90日超過）',
        '60件',
        '/certificates?status=reissue_required',
      ],
      ['再発行承認待ち', '3件', '/certificates?status=reissue_pending'],
      ['有効', '700件', '/certificates?status=valid'],
      ['更新期間中', '120件', '/certificates?status=renewal_due'],
      [
        '30日以内に期限',
        '120件',
        '/certificates?status=renewal_due&expiresTo=2026-12-31',
      ],
      ['失効', '10件', '/certificates?status=revoked'],
      [
        '再発行済（取得待ち）',
        '2件',
        '/certificates?status=reissue_authorized',
      ],
      ['未取得', '25件', '/certificates?status=not_issued'],
    ]);
    expect(el().querySelector('[data-testid="as-of"]')?.textContent).toContain(
      '2026年12月1日(火)時点・IB利用者 1,000名',
    );
  });

  it('opens the search when a card is clicked', async () => {
    await answer();
    el()
      .querySelector<HTMLAnchorElement>('a.cd-stat[data-status="expired"]')
      ?.click();
    await settle();
    expect(TestBed.inject(Router).url).toBe('/certificates?status=expired');
  });

  it('charts the 12 weeks of expiriesPerWeek with Japanese week labels', async () => {
    await answer();
    const chart = fixture.debugElement
      .query(By.directive(BaseChartDirective))
      .injector.get(BaseChartDirective);
    expect(chart.type).toBe('bar');
    expect(chart.data?.labels).toEqual([
      '12/1〜',
      '12/8〜',
      '12/15〜',
      '12/22〜',
      '12/29〜',
      '1/5〜',
      '1/12〜',
      '1/19〜',
      '1/26〜',
      '2/2〜',
      '2/9〜',
      '2/16〜',
    ]);
    expect(chart.data?.datasets[0].data).toEqual([
      10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
    ]);
    const canvas = el().querySelector('canvas');
    expect(canvas?.getAttribute('aria-label')).toContain(
      '12/1〜12/7 10件、12/8〜12/14 11件',
    );
  });

  it('registers chart.js for this page only, not for the whole app', async () => {
    await answer();
    const chart = fixture.debugElement.query(By.directive(BaseChartDirective));
    expect(chart.injector.get(NG_CHARTS_CONFIGURATION, null)).not.toBeNull();
    expect(TestBed.inject(NG_CHARTS_CONFIGURATION, null)).toBeNull();
  });

  it('says so when the summary cannot be read, and still shows the system status', async () => {
    http
      .expectOne('/api/dashboard')
      .flush(null, { status: 500, statusText: 'Internal Server Error' });
    await fixture.whenStable();
    expect(el().querySelector('[role="alert"]')?.textContent).toContain(
      '集計を取得できませんでした',
    );
    expect(el().querySelector('[data-testid="system-status"]')).not.toBeNull();
    expect(cards()).toEqual([]);
  });
});
