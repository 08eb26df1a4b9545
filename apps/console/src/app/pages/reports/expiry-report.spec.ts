import { By } from '@angular/platform-browser';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { BaseChartDirective, NG_CHARTS_CONFIGURATION } from 'ng2-charts';
import { flushApiError, params } from '../../../testing/http';
import { monthAxisLabels } from './expiry-months';
import {
  AS_OF_TEXT,
  reportsPageTest,
  expiryReport,
} from './reports-page.testing';

describe('ReportsPage / 有効期限（月別・店別）', () => {
  const t = reportsPageTest();

  async function openExpiry(url = '/reports?tab=expiry'): Promise<void> {
    await t.open(url);
    await t.answer(t.request('/api/reports/expiry'), expiryReport());
  }

  function chart(): BaseChartDirective {
    return t.harness.fixture.debugElement
      .query(By.directive(BaseChartDirective))
      .injector.get(BaseChartDirective);
  }

  it('stacks one dataset per branch over the 15 months, labelled 9月/2026年 …', async () => {
    await openExpiry();
    const c = chart();
    expect(c.type).toBe('bar');
    expect(c.data?.labels?.slice(0, 5)).toEqual([
      ['9月', '2026年'],
      ['10月'],
      ['11月'],
      ['12月'],
      ['1月', '2027年'],
    ]);
    expect(c.data?.labels).toHaveLength(15);
    const datasets = c.data?.datasets ?? [];
    expect(datasets.map((d) => [d.label, d.stack])).toEqual([
      ['001 本店', 'branches'],
      ['002 駅前支店', 'branches'],
    ]);
    expect(datasets[0].data).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
    ]);
    // 002 has no certificates before December: zeros, not gaps.
    expect(datasets[1].data.slice(0, 5)).toEqual([0, 0, 0, 10, 10]);
    expect(c.options?.scales?.['x']).toMatchObject({ stacked: true });
    expect(c.options?.scales?.['y']).toMatchObject({ stacked: true });
    expect(
      t.element.querySelector('canvas')?.getAttribute('aria-label'),
    ).toContain(
      '2026年9月 1件、2026年10月 2件、2026年11月 3件、2026年12月 14件',
    );
  });

  it('tabulates month × branch with totals, this month marked, and says whose figures as of when', async () => {
    await openExpiry();
    expect(t.text('report-as-of')).toBe(AS_OF_TEXT);
    expect(await t.headers()).toEqual([
      '年月',
      '001 本店',
      '002 駅前支店',
      '合計',
    ]);
    const rows = await t.cells();
    expect(rows).toHaveLength(15);
    expect(rows.slice(2, 5)).toEqual([
      ['2026年11月', '3', '0', '3'],
      ['2026年12月（今月）', '4', '10', '14'],
      ['2027年1月', '5', '10', '15'],
    ]);
    expect(await t.footers()).toEqual(['合計', '120', '120', '240']);
  });

  it('filters by 店番 through the URL, and shows the URL’s branch', async () => {
    await openExpiry();
    const input = await t.loader.getHarness(MatInputHarness);
    await input.setValue('002');
    await (
      await t.loader.getHarness(MatButtonHarness.with({ text: '絞り込み' }))
    ).click();
    await t.rendered();
    expect(t.url).toBe('/reports?tab=expiry&branch=002');
    const req = t.request('/api/reports/expiry');
    expect(params(req)).toEqual({ branch: '002' });
    await t.answer(req, expiryReport());
    expect(await input.getValue()).toBe('002');

    await (
      await t.loader.getHarness(MatButtonHarness.with({ text: 'すべての店' }))
    ).click();
    await t.rendered();
    expect(t.url).toBe('/reports?tab=expiry');
    await t.answer(t.request('/api/reports/expiry'), expiryReport());
  });

  it('does not send a 店番 that is not 3 digits', async () => {
    await openExpiry();
    await (await t.loader.getHarness(MatInputHarness)).setValue('12');
    await (
      await t.loader.getHarness(MatButtonHarness.with({ text: '絞り込み' }))
    ).click();
    await t.rendered();
    expect(t.url).toBe('/reports?tab=expiry');
    expect(t.element.textContent).toContain('3桁の数字で入力してください');
  });

  it('shows the API’s message when the report cannot be made', async () => {
    await t.open('/reports?branch=1');
    flushApiError(
      t.request('/api/reports/expiry'),
      400,
      '入力内容に誤りがあります',
      [{ field: 'branch', reason: 'branch は3桁の店番で指定してください' }],
    );
    await t.rendered();
    const alert = t.element.querySelector('[role="alert"]')?.textContent;
    expect(alert).toContain('入力内容に誤りがあります');
    expect(alert).toContain('branch は3桁の店番で指定してください');
    expect(t.element.querySelector('canvas')).toBeNull();
  });

  it('registers chart.js for the reports page only', async () => {
    await openExpiry();
    const el = t.harness.fixture.debugElement.query(
      By.directive(BaseChartDirective),
    );
    expect(el.injector.get(NG_CHARTS_CONFIGURATION, null)).not.toBeNull();
  });

  it('puts the year under the first month and every January', () => {
    expect(monthAxisLabels(['2026-11', '2026-12', '2027-01'])).toEqual([
      ['11月', '2026年'],
      ['12月'],
      ['1月', '2027年'],
    ]);
  });
});
