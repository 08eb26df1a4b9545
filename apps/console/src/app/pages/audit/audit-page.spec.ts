import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDateRangeInputHarness } from '@angular/material/datepicker/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { eachTest, params, settle } from '../../../testing/http';
import { AuditPageTest, record } from './audit-page.testing';

describe('AuditPage / 監査ログ: filters, table and paging', () => {
  const t = eachTest(() => new AuditPageTest());

  it('takes its filters from the URL, sends them and shows them', async () => {
    await t.open(
      '/audit?from=2026-11-01&to=2026-11-30&outcome=denied&actor=sato',
    );
    const req = t.listRequest();
    expect(params(req)).toEqual({
      limit: '50',
      from: '2026-11-01',
      to: '2026-11-30',
      actor: 'sato',
      outcome: 'denied',
    });
    await t.answer(req, { items: [], nextCursor: null });
    const outcomeField = await t.loader.getHarness(
      MatFormFieldHarness.with({ floatingLabelText: '結果' }),
    );
    expect(
      await (await outcomeField.getControl(MatSelectHarness))?.getValueText(),
    ).toBe('拒否');
    const range = await t.loader.getHarness(MatDateRangeInputHarness);
    expect(await (await range.getStartInput()).getValue()).toBe('2026/11/01');
    expect(await (await range.getEndInput()).getValue()).toBe('2026/11/30');
    expect(t.element.textContent).toContain('条件に合う記録はありません');
  });

  it('shows 日時 in JST, 職員, 操作, 対象, 結果 and IP', async () => {
    await t.open('/audit');
    await t.answer(t.listRequest(), {
      items: [
        record(2, {
          action: 'staff.reset_password',
          targetType: 'staff_user',
          targetId: 's1',
          details: { username: 'sato' },
          outcome: 'denied',
        }),
        record(1, {
          actorType: 'anonymous',
          actorId: null,
          actorName: null,
          action: 'x.unknown',
          ip: null,
        }),
      ],
      nextCursor: null,
    });
    expect(await t.headers()).toEqual([
      '日時',
      '職員',
      '操作',
      '対象',
      '結果',
      'IP',
    ]);
    expect(await t.cells()).toEqual([
      [
        '2026/12/01 00:04:05',
        'デモ 役席（さくら信用金庫）',
        'パスワード再発行',
        '職員 sato',
        '拒否',
        '192.0.2.10',
      ],
      ['2026/12/01 00:04:05', '未認証', 'x.unknown', '', '成功', ''],
    ]);
  });

  it('puts the chosen filters in the URL (bookmarkable) and asks for them', async () => {
    await t.open('/audit');
    await t.answer(t.listRequest(), { items: [], nextCursor: null });

    const range = await t.loader.getHarness(MatDateRangeInputHarness);
    await (await range.getStartInput()).setValue('2026/11/01');
    await (await range.getEndInput()).setValue('2026/11/30');
    const [action, outcome] = await t.loader.getAllHarnesses(MatSelectHarness);
    await action.open();
    await action.clickOptions({ text: 'ログイン' });
    await outcome.open();
    await outcome.clickOptions({ text: '失敗' });
    await (
      await t.loader.getHarness(
        MatInputHarness.with({ placeholder: 'ユーザー名の一部' }),
      )
    ).setValue(' sato ');
    await (
      await t.loader.getHarness(MatButtonHarness.with({ text: '検索' }))
    ).click();
    await settle();

    expect(TestBed.inject(Router).url).toBe(
      '/audit?from=2026-11-01&to=2026-11-30&action=auth.login&actor=sato&outcome=failure',
    );
    const req = t.listRequest();
    expect(params(req)).toEqual({
      limit: '50',
      from: '2026-11-01',
      to: '2026-11-30',
      action: 'auth.login',
      actor: 'sato',
      outcome: 'failure',
    });
    await t.answer(req, { items: [record(1)], nextCursor: null });

    await (
      await t.loader.getHarness(MatButtonHarness.with({ text: '条件をクリア' }))
    ).click();
    await settle();
    expect(TestBed.inject(Router).url).toBe('/audit');
    expect(params(t.listRequest())).toEqual({ limit: '50' });
  });

  it('reloads when 検索 is pressed with unchanged filters', async () => {
    await t.open('/audit?action=auth.login');
    await t.answer(t.listRequest(), { items: [], nextCursor: null });
    await (
      await t.loader.getHarness(MatButtonHarness.with({ text: '検索' }))
    ).click();
    await settle();
    expect(params(t.listRequest())).toEqual({
      limit: '50',
      action: 'auth.login',
    });
  });

  it('loads the next page with nextCursor and the same filters (さらに読み込む)', async () => {
    await t.open('/audit?outcome=denied');
    await t.answer(t.listRequest(), {
      items: [record(3), record(2)],
      nextCursor: '2',
    });
    await (
      await t.loader.getHarness(
        MatButtonHarness.with({ text: 'さらに読み込む' }),
      )
    ).click();
    const req = t.listRequest();
    expect(params(req)).toEqual({
      limit: '50',
      outcome: 'denied',
      cursor: '2',
    });
    await t.answer(req, { items: [record(1)], nextCursor: null });
    const table = await t.loader.getHarness(MatTableHarness);
    expect(await table.getRows()).toHaveLength(3);
    expect(
      await t.loader.getAllHarnesses(
        MatButtonHarness.with({ text: 'さらに読み込む' }),
      ),
    ).toHaveLength(0);
  });

  it('shows the API message when a filter is refused', async () => {
    await t.open('/audit?from=2026-13-01');
    t.listRequest().flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: '日付は YYYY-MM-DD の形で指定してください',
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await t.rendered();
    expect(t.element.textContent).toContain(
      '日付は YYYY-MM-DD の形で指定してください',
    );
  });

  it('has a labelled field per filter', async () => {
    await t.open('/audit');
    await t.answer(t.listRequest(), { items: [], nextCursor: null });
    const fields = await t.loader.getAllHarnesses(MatFormFieldHarness);
    expect(await Promise.all(fields.map((f) => f.getLabel()))).toEqual([
      '期間',
      '操作',
      '職員',
      '結果',
    ]);
  });
});
