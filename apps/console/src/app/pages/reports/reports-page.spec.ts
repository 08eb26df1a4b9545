import { MatTabNavBarHarness } from '@angular/material/tabs/testing';
import { MatDateRangeInputHarness } from '@angular/material/datepicker/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import type { Route } from '@angular/router';
import { healthFixture } from '../../../testing/health.fixture';
import { params } from '../../../testing/http';
import { appRoutes } from '../../app.routes';
import { ROUTE_PERMISSIONS } from '../../core/auth/auth.guards';
import { ReportsPage } from './reports-page';
import {
  AS_OF_TEXT,
  reportsPageTest,
  expiredUsers,
  expiryReport,
  noticeDelivery,
  reissueHistory,
} from './reports-page.testing';

describe('ReportsPage / レポート: tabs in the URL', () => {
  const t = reportsPageTest();

  async function tabs(): Promise<MatTabNavBarHarness> {
    return t.loader.getHarness(MatTabNavBarHarness);
  }

  async function activeTab(): Promise<string> {
    return (await (await tabs()).getActiveLink()).getLabel();
  }

  it('offers one tab per report the API has, 有効期限 first', async () => {
    await t.open('/reports');
    await t.answer(t.request('/api/reports/expiry'), expiryReport());
    const links = await (await tabs()).getLinks();
    expect(await Promise.all(links.map((l) => l.getLabel()))).toEqual([
      '有効期限（月別・店別）',
      'ロックアウト中（期限切れ）',
      '期限超過（再発行が必要）',
      '再発行履歴',
      '通知の送信状況',
      '解約・削除',
      '監査ログ出力',
    ]);
    expect(await activeTab()).toBe('有効期限（月別・店別）');
    expect(t.element.querySelector('h1')?.textContent).toBe('レポート');
  });

  it('opens the tab the URL names, and puts a clicked tab in the URL', async () => {
    await t.open('/reports?tab=past-limit');
    expect(await activeTab()).toBe('期限超過（再発行が必要）');
    await t.answer(t.request('/api/reports/past-limit'), expiredUsers([]));
    expect(t.element.textContent).toContain('再発行が必要な利用者はいません');

    await (await tabs()).clickLink({ label: 'ロックアウト中（期限切れ）' });
    await t.rendered();
    expect(t.url).toBe('/reports?tab=locked-out');
    expect(await activeTab()).toBe('ロックアウト中（期限切れ）');
    await t.answer(t.request('/api/reports/locked-out'), expiredUsers([]));
    expect(t.text('report-as-of')).toBe(AS_OF_TEXT);
  });

  it('keeps the 店番 between branch-filtered tabs and drops the page; the audit tab has no 店番', async () => {
    await t.open('/reports?tab=locked-out&branch=002&cursor=c2');
    await t.answer(t.request('/api/reports/locked-out'), expiredUsers([]));

    await (await tabs()).clickLink({ label: '有効期限（月別・店別）' });
    await t.rendered();
    expect(t.url).toBe('/reports?tab=expiry&branch=002');
    const req = t.request('/api/reports/expiry');
    expect(params(req)).toEqual({ branch: '002' });
    await t.answer(req, expiryReport());

    await (await tabs()).clickLink({ label: '監査ログ出力' });
    await t.rendered();
    expect(t.url).toBe('/reports?tab=audit');
    t.request('/api/health').flush(healthFixture());
  });

  it('keeps the period between the tabs filtered by one, and the 店番 only where it applies', async () => {
    await t.open(
      '/reports?tab=reissues&from=2026-11-01&to=2026-11-30&branch=002&status=rejected',
    );
    await t.answer(t.request('/api/reports/reissues'), reissueHistory([]));

    await (await tabs()).clickLink({ label: '通知の送信状況' });
    await t.rendered();
    expect(t.url).toBe('/reports?tab=notices&from=2026-11-01&to=2026-11-30');
    await t.answer(t.request('/api/reports/notices'), noticeDelivery());

    await (await tabs()).clickLink({ label: '再発行履歴' });
    await t.rendered();
    expect(t.url).toBe('/reports?tab=reissues&from=2026-11-01&to=2026-11-30');
    await t.answer(t.request('/api/reports/reissues'), reissueHistory([]));
  });

  it('opens the first tab for an unknown tab= (an old bookmark)', async () => {
    await t.open('/reports?tab=renewals');
    expect(await activeTab()).toBe('有効期限（月別・店別）');
    await t.answer(t.request('/api/reports/expiry'), expiryReport());
  });

  it('監査ログ出力: as of the server clock for the signed-in credit union; the period goes to the URL and the export', async () => {
    await t.open('/reports?tab=audit&from=2026-11-01&to=2026-11-30');
    await t.answer(t.request('/api/health'), healthFixture());
    expect(t.text('report-as-of')).toBe(AS_OF_TEXT);
    const range = await t.loader.getHarness(MatDateRangeInputHarness);
    expect(await (await range.getStartInput()).getValue()).toBe('2026/11/01');

    await (await range.getEndInput()).setValue('2026/11/15');
    await t.rendered();
    expect(t.url).toBe('/reports?tab=audit&from=2026-11-01&to=2026-11-15');

    await (
      await t.loader.getHarness(MatButtonHarness.with({ text: 'CSV出力' }))
    ).click();
    const req = t.request('/api/reports/audit.csv');
    expect(params(req)).toEqual({
      from: '2026-11-01',
      to: '2026-11-15',
      encoding: 'utf-8',
    });
    req.flush(new Blob(['番号\r\n']));
    await t.rendered();
    expect(t.saved.map((s) => s.filename)).toEqual(['audit.csv']);
  });

  it('is the lazy page of /reports, opened with reports.read', async () => {
    const shell = appRoutes.find((r) => r.path === '' && r.children);
    const route = shell?.children?.find((r: Route) => r.path === 'reports');
    expect(route?.data?.[ROUTE_PERMISSIONS]).toEqual(['reports.read']);
    expect(route?.title).toBe('レポート');
    expect(await route?.loadComponent?.()).toBe(ReportsPage);
  });

  it('解約・削除: the period’s closures and removals, with reason and source, and the CSV', async () => {
    await t.open('/reports?tab=closures&from=2026-11-01&to=2026-12-01');
    expect(await activeTab()).toBe('解約・削除');
    const req = t.request('/api/reports/closures');
    expect(req.request.params.get('from')).toBe('2026-11-01');
    expect(req.request.params.get('to')).toBe('2026-12-01');
    await t.answer(req, {
      asOf: '2026-12-01T00:00:00.000Z',
      today: '2026-12-01',
      creditUnion: { code: '1001', name: 'さくら信用金庫' },
      from: '2026-11-01',
      to: '2026-12-01',
      closedCustomers: 1,
      removedIbUsers: 1,
      rows: [
        {
          kind: 'customer',
          kindLabel: '解約（ご契約先）',
          closedOn: '2026-12-01',
          closedAt: '2026-12-01T00:00:00.000Z',
          contractNumber: '0000300001',
          companyName: '株式会社テスト',
          loginId: null,
          ibUserName: null,
          reason: '解約届を受領',
          source: 'manual',
          sourceLabel: '職員による手動操作',
        },
        {
          kind: 'ib_user',
          kindLabel: '削除（利用者）',
          closedOn: '2026-12-01',
          closedAt: '2026-12-01T00:00:00.000Z',
          contractNumber: '0000300001',
          companyName: '株式会社テスト',
          loginId: 'U-one',
          ibUserName: '山田 太郎',
          reason: '解約届を受領',
          source: 'manual',
          sourceLabel: '職員による手動操作',
        },
      ],
    });
    const text = t.element.textContent ?? '';
    expect(text).toContain('解約（ご契約先） 1件 ・ 削除（利用者） 1件');
    expect(text).toContain('株式会社テスト');
    expect(text).toContain('U-one');
    expect(text).toContain('解約届を受領');
    expect(text).toContain('職員による手動操作');
    expect(text).toContain('CSV');
  });
});
