import { MatDateRangeInputHarness } from '@angular/material/datepicker/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { params } from '../../../testing/http';
import {
  AS_OF_TEXT,
  reportsPageTest,
  reissueHistory,
  reissueRow,
} from './reports-page.testing';

describe('ReportsPage / 再発行履歴', () => {
  const t = reportsPageTest();

  it('asks the history with the URL’s filters and shows requester, approver, reason and both durations', async () => {
    await t.open(
      '/reports?tab=reissues&from=2026-11-01&to=2026-11-30&status=completed&branch=001',
    );
    const req = t.request('/api/reports/reissues');
    expect(params(req)).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
      status: 'completed',
      branch: '001',
      limit: '50',
    });
    await t.answer(
      req,
      reissueHistory([
        reissueRow(1),
        reissueRow(2, {
          status: 'authorized',
          reason: 'other',
          reasonText: '担当者の退職',
          ibRole: 'user',
          ibUserName: '佐藤 花子',
          minutesToApproval: 1440,
          acquiredAt: null,
          minutesToAcquisition: null,
          authorizedUntil: '2027-02-08',
        }),
        reissueRow(3, {
          status: 'pending',
          decidedBy: null,
          decidedAt: null,
          minutesToApproval: null,
          acquiredAt: null,
          minutesToAcquisition: null,
        }),
      ]),
    );
    expect(t.text('report-as-of')).toBe(AS_OF_TEXT);
    expect(await t.headers()).toEqual([
      '受付',
      '状態',
      '会社名',
      '利用者',
      '理由',
      '決裁',
      '承認まで',
      '取得まで',
    ]);
    const rows = await t.cells();
    expect(rows[0]).toEqual([
      '2026/11/10 10:00営業店 花子',
      '取得済',
      '株式会社山田商事10000000001 ・ 001 本店',
      '管理者 山田 太郎 0000000001A0',
      'パソコンの紛失・故障',
      '2026/11/10 15:30役席 一郎',
      '5時間30分',
      '1日17時間 2026/11/12 09:00',
    ]);
    expect(rows[1][1]).toBe('承認済（取得待ち）');
    expect(rows[1][4]).toBe('その他 担当者の退職');
    expect(rows[1].slice(6)).toEqual(['1日', '— 期限 2027/02/08']);
    expect(rows[2].slice(5)).toEqual(['—', '—', '—']);
    const summary = Array.from(
      t.element.querySelectorAll('[data-testid=reissue-summary] :is(dt, dd)'),
    );
    expect(summary.map((e) => e.textContent?.trim())).toEqual([
      '件数',
      '3件（承認待ち 1件 ・ 取得済 2件）',
      '受付から承認まで',
      '平均 14時間45分 ・ 中央値 14時間45分 ・ 最長 1日（2件）',
      '承認から取得まで',
      '該当なし',
    ]);
    expect(t.element.querySelector('a.cd-company')?.getAttribute('href')).toBe(
      '/customers/cust-1',
    );
  });

  it('puts a chosen status and period in the URL, from the first page again', async () => {
    await t.open('/reports?tab=reissues&cursor=c2');
    await t.answer(t.request('/api/reports/reissues'), reissueHistory([]));
    expect(t.element.textContent).toContain('該当する再発行の依頼はありません');

    const select = await t.loader.getHarness(MatSelectHarness);
    await select.open();
    await select.clickOptions({ text: '却下' });
    await t.rendered();
    expect(t.url).toBe('/reports?tab=reissues&status=rejected');
    await t.answer(t.request('/api/reports/reissues'), reissueHistory([]));

    const range = await t.loader.getHarness(MatDateRangeInputHarness);
    await (await range.getStartInput()).setValue('2026/10/01');
    await t.rendered();
    expect(t.url).toBe('/reports?tab=reissues&status=rejected&from=2026-10-01');
    expect(params(t.request('/api/reports/reissues'))).toEqual({
      from: '2026-10-01',
      status: 'rejected',
      limit: '50',
    });
  });

  it('pages with 次へ and exports the filtered history as CSV', async () => {
    await t.open('/reports?tab=reissues&status=completed');
    await t.answer(
      t.request('/api/reports/reissues'),
      reissueHistory([reissueRow(1)], 'c2'),
    );
    await (await t.button('次へ')).click();
    await t.rendered();
    expect(t.url).toBe('/reports?tab=reissues&status=completed&cursor=c2');
    await t.answer(
      t.request('/api/reports/reissues'),
      reissueHistory([reissueRow(51)]),
    );

    await (await t.button('CSV出力')).click();
    const req = t.request('/api/reports/reissues.csv');
    expect(params(req)).toEqual({ status: 'completed', encoding: 'utf-8' });
    req.flush(new Blob(['受付日時\r\n']), {
      headers: {
        'Content-Disposition': 'attachment; filename="reissues-20261201.csv"',
      },
    });
    await t.rendered();
    expect(t.saved.map((s) => s.filename)).toEqual(['reissues-20261201.csv']);
  });
});
