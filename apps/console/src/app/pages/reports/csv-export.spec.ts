import { HttpEventType, HttpHeaders } from '@angular/common/http';
import type { TestRequest } from '@angular/common/http/testing';
import { MatProgressBarHarness } from '@angular/material/progress-bar/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import type { ApiError } from '@certdesk/contracts';
import { params } from '../../../testing/http';
import { formatBytes } from './csv-export';
import { filenameOf, replacedCharacters } from './reports-api';
import {
  reportsPageTest,
  expiredUser,
  expiredUsers,
} from './reports-page.testing';

const CSV_URL = '/api/reports/locked-out.csv';
const DISPOSITION = 'attachment; filename="locked-out-20261201.csv"';

/** Fails `req` as the API does; with responseType 'blob' the JSON body arrives as a Blob. */
function flushBlobError(req: TestRequest, body: ApiError): void {
  req.flush(new Blob([JSON.stringify(body)], { type: 'application/json' }), {
    status: body.statusCode,
    statusText: body.error,
  });
}

/** How the API refuses a CP932 export that would lose characters. */
function flushUnmappable(req: TestRequest): void {
  flushBlobError(req, {
    statusCode: 422,
    error: 'Unprocessable Entity',
    code: 'csv_unmappable',
    message:
      'CP932（Shift_JIS）では表せない文字が含まれています。UTF-8で出力するか、〓に置き換えて出力してください（unmappable=replace）。',
    details: [
      { field: 'encoding', reason: '「𠮷」(U+20BB7) 12行目から計1行' },
      { field: 'encoding', reason: '「鷗」(U+9DD7) 30行目から計2行' },
    ],
  });
}

describe('ReportsPage / CSV出力: progress, cancel, CP932', () => {
  const t = reportsPageTest();

  beforeEach(async () => {
    await t.open('/reports?tab=locked-out&branch=001');
    await t.answer(
      t.request('/api/reports/locked-out'),
      expiredUsers([expiredUser(1)]),
    );
  });

  async function exportAs(encoding: string): Promise<TestRequest> {
    const select = await t.loader.getHarness(MatSelectHarness);
    await select.open();
    await select.clickOptions({ text: encoding });
    await (await t.button('CSV出力')).click();
    return t.request(CSV_URL);
  }

  /** Completes the download; returns the file the server sent. */
  async function finish(
    req: TestRequest,
    headers: Record<string, string> = {},
  ): Promise<Blob> {
    const file = new Blob(['\ufeff店番\r\n'], { type: 'text/csv' });
    req.flush(file, {
      headers: new HttpHeaders({
        'Content-Disposition': DISPOSITION,
        ...headers,
      }),
    });
    await t.rendered();
    return file;
  }

  it('offers UTF-8（Excel対応） by default and Shift_JIS（CP932）', async () => {
    const select = await t.loader.getHarness(MatSelectHarness);
    expect(await select.getValueText()).toBe('UTF-8（Excel対応）');
    await select.open();
    const options = await select.getOptions();
    expect(await Promise.all(options.map((o) => o.getText()))).toEqual([
      'UTF-8（Excel対応）',
      'Shift_JIS（CP932）',
    ]);
  });

  it('downloads with the tab’s filters, shows the bytes received, and saves under the server’s name', async () => {
    await (await t.button('CSV出力')).click();
    const req = t.request(CSV_URL);
    expect(params(req)).toEqual({ branch: '001', encoding: 'utf-8' });
    expect(req.request.responseType).toBe('blob');
    expect(req.request.reportProgress).toBe(true);

    req.event({ type: HttpEventType.DownloadProgress, loaded: 1_258_291 });
    await t.rendered();
    expect(t.text('export-progress')).toContain('受信中… 1.2 MB');
    const bar = await t.loader.getHarness(MatProgressBarHarness);
    expect(await bar.getMode()).toBe('indeterminate');
    expect(await (await t.button('CSV出力')).isDisabled()).toBe(true);

    const file = await finish(req);
    expect(t.saved).toEqual([{ file, filename: 'locked-out-20261201.csv' }]);
    expect(t.text('export-done')).toBe(
      'locked-out-20261201.csv を保存しました。',
    );
    expect(
      t.element.querySelector('[data-testid="export-progress"]'),
    ).toBeNull();
  });

  it('中止 aborts the request and saves nothing', async () => {
    await (await t.button('CSV出力')).click();
    const req = t.request(CSV_URL);
    req.event({ type: HttpEventType.DownloadProgress, loaded: 512 });
    await t.rendered();
    expect(t.text('export-progress')).toContain('受信中… 512 B');

    await (await t.button('中止')).click();
    await t.rendered();
    expect(req.cancelled).toBe(true);
    expect(t.text('export-cancelled')).toBe('CSV出力を中止しました。');
    expect(t.saved).toEqual([]);
    expect(await (await t.button('CSV出力')).isDisabled()).toBe(false);
  });

  it('leaving the tab cancels a running download', async () => {
    await (await t.button('CSV出力')).click();
    const req = t.request(CSV_URL);
    await t.harness.navigateByUrl('/reports?tab=past-limit');
    await t.rendered();
    expect(req.cancelled).toBe(true);
    t.request('/api/reports/past-limit').flush(expiredUsers([]));
  });

  it('CP932 refused (422): lists the characters, then 〓に置き換えて出力 retries with unmappable=replace and says what was replaced', async () => {
    const refused = await exportAs('Shift_JIS（CP932）');
    expect(params(refused)).toEqual({
      branch: '001',
      encoding: 'cp932',
      unmappable: 'refuse',
    });
    flushUnmappable(refused);
    await t.shown('export-unmappable');
    const alert = t.text('export-unmappable');
    expect(alert).toContain(
      'Shift_JIS（CP932）では表せない文字があるため、出力できませんでした。',
    );
    expect(alert).toContain('「𠮷」(U+20BB7) 12行目から計1行');
    expect(alert).toContain('「鷗」(U+9DD7) 30行目から計2行');
    expect(t.saved).toEqual([]);

    await (await t.button('〓に置き換えて出力')).click();
    const replaced = t.request(CSV_URL);
    expect(params(replaced)).toEqual({
      branch: '001',
      encoding: 'cp932',
      unmappable: 'replace',
    });
    await finish(replaced, { 'X-Unmappable-Characters': 'U+20BB7,U+9DD7' });
    expect(t.saved.map((s) => s.filename)).toEqual(['locked-out-20261201.csv']);
    expect(t.text('export-replaced')).toBe(
      'Shift_JIS（CP932）で表せない文字 「𠮷」(U+20BB7) 「鷗」(U+9DD7) を「〓」に置き換えて出力しました。',
    );
  });

  it('CP932 refused (422): UTF-8で出力 switches the encoding and downloads', async () => {
    flushUnmappable(await exportAs('Shift_JIS（CP932）'));
    await t.shown('export-unmappable');
    await (await t.button('UTF-8で出力')).click();
    const req = t.request(CSV_URL);
    expect(params(req)).toEqual({ branch: '001', encoding: 'utf-8' });
    await finish(req);
    expect(t.saved).toHaveLength(1);
    expect(
      await (await t.loader.getHarness(MatSelectHarness)).getValueText(),
    ).toBe('UTF-8（Excel対応）');
    expect(
      t.element.querySelector('[data-testid="export-replaced"]'),
    ).toBeNull();
  });

  it('shows the API’s Japanese message when the export is refused', async () => {
    await (await t.button('CSV出力')).click();
    flushBlobError(t.request(CSV_URL), {
      statusCode: 403,
      error: 'Forbidden',
      message: 'この操作を行う権限がありません',
    });
    await t.shown('export-error');
    expect(t.text('export-error')).toBe('この操作を行う権限がありません');
  });

  it('shows a generic message when the server is unreachable', async () => {
    await (await t.button('CSV出力')).click();
    t.request(CSV_URL).error(new ProgressEvent('error'));
    await t.rendered();
    expect(t.text('export-error')).toBe(
      'サーバーと通信できませんでした。時間をおいて再度お試しください。',
    );
  });
});

describe('CSV export helpers', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1536, '1.5 KB'],
    [1_258_291, '1.2 MB'],
  ])('formatBytes(%d) → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it.each([
    [
      'attachment; filename="locked-out-20261201.csv"',
      'locked-out-20261201.csv',
    ],
    ['attachment; filename=audit.csv', 'audit.csv'],
    [
      `attachment; filename="x.csv"; filename*=UTF-8''%E7%9B%A3%E6%9F%BB.csv`,
      '監査.csv',
    ],
    ['inline', null],
    [null, null],
  ])('filenameOf(%s) → %s', (header, name) => {
    expect(filenameOf(header)).toBe(name);
  });

  it('reads X-Unmappable-Characters as characters', () => {
    expect(replacedCharacters('U+20BB7, U+9DD7')).toEqual(['𠮷', '鷗']);
    expect(replacedCharacters('U+ZZZ')).toEqual(['U+ZZZ']);
    expect(replacedCharacters(null)).toEqual([]);
  });
});
