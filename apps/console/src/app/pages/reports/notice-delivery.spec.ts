import { By } from '@angular/platform-browser';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { BaseChartDirective } from 'ng2-charts';
import { params } from '../../../testing/http';
import { dayAxisLabels, totalsPerDay } from './notice-days';
import {
  AS_OF_TEXT,
  reportsPageTest,
  noticeDay,
  noticeDelivery,
} from './reports-page.testing';

describe('ReportsPage / 通知の送信状況', () => {
  const t = reportsPageTest();

  function chart(): BaseChartDirective {
    return t.harness.fixture.debugElement
      .query(By.directive(BaseChartDirective))
      .injector.get(BaseChartDirective);
  }

  it('charts sent / failed / cancelled per day and tabulates every count per day and milestone, with totals', async () => {
    await t.open('/reports?tab=notices&from=2026-11-01&to=2026-11-30');
    const req = t.request('/api/reports/notices');
    expect(params(req)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    await t.answer(req, noticeDelivery());
    expect(t.text('report-as-of')).toBe(AS_OF_TEXT);

    const c = chart();
    expect(c.data?.labels).toEqual([['11/20', '2026年'], ['11/21']]);
    expect(c.data?.datasets.map((d) => [d.label, d.data])).toEqual([
      ['送信済み', [5, 1]],
      ['送信失敗', [1, 0]],
      ['取消（送信不要）', [1, 0]],
    ]);
    expect(
      t.element.querySelector('canvas')?.getAttribute('aria-label'),
    ).toContain('2026-11-20 送信済み 5件 送信失敗 1件 取消（送信不要） 1件');

    expect(await t.headers()).toEqual([
      '日付',
      '通知日',
      '送信済み',
      '送信失敗',
      '取消（送信不要）',
      '送信対象外',
      '送信待ち',
      '合計',
    ]);
    expect(await t.cells()).toEqual([
      [
        '2026年11月20日(金)',
        '有効期限の30日前 電子証明書更新のご案内（メール）',
        '3',
        '1',
        '0',
        '0',
        '0',
        '4',
      ],
      [
        '2026年11月20日(金)',
        '有効期限の10日前 電子証明書更新のご案内（メール）',
        '2',
        '0',
        '1',
        '0',
        '0',
        '3',
      ],
      [
        '2026年11月21日(土)',
        '電子証明書再発行手続き完了のご案内（メール）',
        '1',
        '0',
        '0',
        '0',
        '0',
        '1',
      ],
    ]);
    expect(await t.footers()).toEqual([
      '合計',
      '',
      '6',
      '1',
      '1',
      '0',
      '0',
      '8',
    ]);
    expect(t.text('notice-totals')).toBe(
      '合計 送信済み 6件 ・ 送信失敗 1件 ・ 取消（送信不要） 1件 ・ 送信対象外 0件 ・ 送信待ち 0件',
    );
  });

  it('filters by a milestone of the period (kept in the URL) and exports with the same filters', async () => {
    await t.open('/reports?tab=notices');
    await t.answer(t.request('/api/reports/notices'), noticeDelivery());
    const select = await t.loader.getHarness(MatSelectHarness);
    await select.open();
    expect(
      await Promise.all((await select.getOptions()).map((o) => o.getText())),
    ).toEqual(['すべて', '有効期限の30日前', '有効期限の10日前']);
    await select.clickOptions({ text: '有効期限の10日前' });
    await t.rendered();
    expect(t.url).toBe('/reports?tab=notices&milestone=10');
    const req = t.request('/api/reports/notices');
    expect(params(req)).toEqual({ milestone: '10' });
    await t.answer(req, {
      ...noticeDelivery(),
      days: [],
      totals: { sent: 0, failed: 0, cancelled: 0, skipped: 0, pending: 0 },
    });
    expect(t.element.textContent).toContain(
      'この期間に送信予定の通知はありません',
    );
    expect(t.element.querySelector('canvas')).toBeNull();

    await (
      await t.loader.getHarness(MatButtonHarness.with({ text: 'CSV出力' }))
    ).click();
    const csv = t.request('/api/reports/notices.csv');
    expect(params(csv)).toEqual({ milestone: '10', encoding: 'utf-8' });
    csv.flush(new Blob(['日付\r\n']));
    await t.rendered();
  });

  it('adds up a day over its milestones and puts the year under the first day and each new year', () => {
    expect(
      totalsPerDay([
        noticeDay('2026-12-31', 10, { sent: 1 }),
        noticeDay('2026-12-31', 30, { failed: 2 }),
      ]),
    ).toEqual([
      {
        day: '2026-12-31',
        sent: 1,
        failed: 2,
        cancelled: 0,
        skipped: 0,
        pending: 0,
      },
    ]);
    expect(dayAxisLabels(['2026-12-30', '2026-12-31', '2027-01-01'])).toEqual([
      ['12/30', '2026年'],
      ['12/31'],
      ['1/1', '2027年'],
    ]);
  });
});
