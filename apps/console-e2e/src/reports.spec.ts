import { expect, type Download, type Page } from '@playwright/test';
import {
  EXPIRED_USERS_CSV_HEADERS,
  type ExpiredUserRow,
  type ExpiredUsersReport,
} from '@certdesk/contracts';
import { readFile } from 'node:fs/promises';
import { parseCsv } from './csv';
import {
  CREDIT_UNION_1001,
  fullPageShot,
  loginAs,
  mainNav,
  test,
} from './support';

const LOGIN_ID = EXPIRED_USERS_CSV_HEADERS.indexOf('ログインID');
const COMPANY = EXPIRED_USERS_CSV_HEADERS.indexOf('会社名');

/** Every row of `GET /api/reports/locked-out`, page by page (page.request shares the session). */
async function lockedOutFromApi(page: Page): Promise<ExpiredUserRow[]> {
  const rows: ExpiredUserRow[] = [];
  let cursor: string | null = null;
  do {
    const response = await page.request.get('/api/reports/locked-out', {
      params: { limit: '200', ...(cursor ? { cursor } : {}) },
    });
    expect(response.ok()).toBe(true);
    const body = (await response.json()) as ExpiredUsersReport;
    rows.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return rows;
}

/** Clicks 「CSV出力」 and waits for the file the browser saves. */
async function exportCsv(page: Page): Promise<Download> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'CSV出力' }).click();
  return download;
}

async function bytesOf(download: Download): Promise<Buffer> {
  return readFile(await download.path());
}

/** The ログインID and 会社名 columns of a parsed export, after checking its header row. */
function columns(records: string[][]): {
  loginIds: string[];
  companies: string[];
} {
  const [header, ...rows] = records;
  expect(header).toEqual(EXPIRED_USERS_CSV_HEADERS);
  for (const row of rows)
    expect(row).toHaveLength(EXPIRED_USERS_CSV_HEADERS.length);
  return {
    loginIds: rows.map((r) => r[LOGIN_ID]),
    companies: rows.map((r) => r[COMPANY]),
  };
}

async function openLockedOut(page: Page): Promise<void> {
  await mainNav(page).getByRole('link', { name: 'レポート' }).click();
  await expect(page).toHaveURL(/\/reports$/);
  await page.getByRole('tab', { name: 'ロックアウト中（期限切れ）' }).click();
  await expect(page).toHaveURL(/\/reports\?tab=locked-out$/);
  await expect(page.locator('tr.cd-row').first()).toBeVisible();
}

test.use({ viewport: { width: 1280, height: 1400 } });

test('a compliance officer downloads the locked-out list as UTF-8 CSV, and its rows are the API’s', async ({
  page,
}) => {
  await loginAs(page, 'compliance');
  const expected = await lockedOutFromApi(page);
  expect(expected.length).toBeGreaterThan(50); // more than one page in the console

  await mainNav(page).getByRole('link', { name: 'レポート' }).click();
  await expect(page).toHaveURL(/\/reports$/);
  await expect(
    page.getByRole('tab', { name: '有効期限（月別・店別）' }),
  ).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('canvas')).toBeVisible();
  await expect(page.getByTestId('report-as-of')).toHaveText(
    `${CREDIT_UNION_1001} ・ 2026/12/01 09:00:00 時点`,
  );
  await fullPageShot(page, 'reports-expiry');

  await page.getByRole('tab', { name: 'ロックアウト中（期限切れ）' }).click();
  await expect(page).toHaveURL(/\/reports\?tab=locked-out$/);
  const rows = page.locator('tr.cd-row');
  await expect(rows).toHaveCount(50);
  await expect(rows.first()).toContainText(expected[0].loginId);
  await expect(page.getByTestId('report-as-of')).toHaveText(
    `${CREDIT_UNION_1001} ・ 2026/12/01 09:00:00 時点`,
  );
  await fullPageShot(page, 'reports-locked-out');

  await expect(page.getByRole('combobox', { name: '文字コード' })).toHaveText(
    'UTF-8（Excel対応）',
  );
  const download = await exportCsv(page);
  expect(download.suggestedFilename()).toBe('locked-out-20261201.csv');
  const bytes = await bytesOf(download);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM: Excel reads UTF-8
  const { loginIds, companies } = columns(
    parseCsv(new TextDecoder('utf-8').decode(bytes.subarray(3))),
  );
  expect(loginIds).toHaveLength(expected.length);
  expect(new Set(loginIds)).toEqual(new Set(expected.map((r) => r.loginId)));
  expect(companies).toEqual(expected.map((r) => r.companyName));
  await expect(page.getByTestId('export-done')).toHaveText(
    'locked-out-20261201.csv を保存しました。',
  );
  await fullPageShot(page, 'reports-export-done');
});

test('the Shift_JIS (CP932) export downloads and decodes to the same rows', async ({
  page,
}) => {
  await loginAs(page, 'compliance');
  const expected = await lockedOutFromApi(page);
  await openLockedOut(page);

  await page.getByRole('combobox', { name: '文字コード' }).click();
  await page.getByRole('option', { name: 'Shift_JIS（CP932）' }).click();
  const download = await exportCsv(page);
  expect(download.suggestedFilename()).toBe('locked-out-20261201.csv');
  const bytes = await bytesOf(download);
  expect([...bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
  // Node's WHATWG decoder: Shift_JIS with the NEC/IBM extensions CP932 adds (髙, 﨑).
  const text = new TextDecoder('shift_jis', { fatal: true }).decode(bytes);
  const { loginIds, companies } = columns(parseCsv(text));
  expect(new Set(loginIds)).toEqual(new Set(expected.map((r) => r.loginId)));
  expect(companies).toEqual(expected.map((r) => r.companyName));
  await expect(page.getByTestId('export-done')).toBeVisible();
  await expect(page.getByTestId('export-replaced')).toHaveCount(0);
  await fullPageShot(page, 'reports-export-sjis');
});

test('the past-limit list pages with 次へ/前へ and a row opens its customer', async ({
  page,
}) => {
  await loginAs(page, 'compliance');
  await mainNav(page).getByRole('link', { name: 'レポート' }).click();
  await page.getByRole('tab', { name: '期限超過（再発行が必要）' }).click();
  await expect(page).toHaveURL(/\/reports\?tab=past-limit$/);
  const rows = page.locator('tr.cd-row');
  await expect(rows.first()).toBeVisible();
  await fullPageShot(page, 'reports-past-limit');

  const next = page.getByRole('button', { name: '次へ' });
  if (await next.isEnabled()) {
    const first = await rows.first().textContent();
    await next.click();
    await expect(page).toHaveURL(/tab=past-limit&cursor=/);
    await expect(rows.first()).not.toHaveText(first ?? '');
    await page.getByRole('button', { name: '前へ' }).click();
    await expect(page).toHaveURL(/\/reports\?tab=past-limit$/);
    await expect(rows.first()).toHaveText(first ?? '');
  }

  const company = rows.first().locator('a.cd-company');
  const name = (await company.textContent())?.trim() ?? '';
  await company.click();
  await expect(page).toHaveURL(/\/customers\/[0-9a-f-]+$/);
  await expect(page.locator('h1')).toHaveText(name);
});

test('監査ログ出力 exports the chosen period (JST days) with Japanese headers', async ({
  page,
}) => {
  await loginAs(page, 'compliance'); // audited: today's log-in is in the export
  await mainNav(page).getByRole('link', { name: 'レポート' }).click();
  await page.getByRole('tab', { name: '監査ログ出力' }).click();
  await expect(page).toHaveURL(/\/reports\?tab=audit$/);
  await expect(page.getByTestId('report-as-of')).toHaveText(
    `${CREDIT_UNION_1001} ・ 2026/12/01 09:00:00 時点`,
  );
  await page.getByPlaceholder('開始日').fill('2026/12/01');
  await page.getByPlaceholder('終了日').fill('2026/12/01');
  await expect(page).toHaveURL(
    /\/reports\?tab=audit&from=2026-12-01&to=2026-12-01$/,
  );
  await fullPageShot(page, 'reports-audit');

  const download = await exportCsv(page);
  expect(download.suggestedFilename()).toBe('audit-20261201.csv');
  const bytes = await bytesOf(download);
  const [header, ...rows] = parseCsv(
    new TextDecoder('utf-8').decode(bytes.subarray(3)),
  );
  expect(header.slice(0, 4)).toEqual([
    '番号',
    '日時（日本時間）',
    '職員',
    '操作',
  ]);
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) expect(row[1]).toMatch(/^2026-12-01 /);
  expect(rows.map((r) => r[3])).toContain('auth.login');
});

test.describe('with the refused request logged', () => {
  // The browser logs the refused request itself; anything else would be a fault.
  test.use({
    expectedPageErrors: [
      'Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)',
    ],
  });

  test('a CP932 refusal lists the characters and 〓に置き換えて出力 downloads with a notice', async ({
    page,
  }) => {
    await loginAs(page, 'compliance');
    // The demo data only holds characters CP932 has: the server's refusal (422, code csv_unmappable)
    // and, on retry, its X-Unmappable-Characters header are simulated; the file itself is the server's.
    await page.route('**/api/reports/locked-out.csv?*', async (route) => {
      const url = new URL(route.request().url());
      if (url.searchParams.get('unmappable') === 'refuse') {
        await route.fulfill({
          status: 422,
          contentType: 'application/json; charset=utf-8',
          body: JSON.stringify({
            statusCode: 422,
            error: 'Unprocessable Entity',
            code: 'csv_unmappable',
            message: 'CP932（Shift_JIS）では表せない文字が含まれています。',
            details: [
              { field: 'encoding', reason: '「𠮷」(U+20BB7) 12行目から計1行' },
            ],
          }),
        });
        return;
      }
      const response = await route.fetch();
      await route.fulfill({
        response,
        headers: {
          ...response.headers(),
          'x-unmappable-characters': 'U+20BB7',
        },
      });
    });
    await openLockedOut(page);
    await page.getByRole('combobox', { name: '文字コード' }).click();
    await page.getByRole('option', { name: 'Shift_JIS（CP932）' }).click();
    await page.getByRole('button', { name: 'CSV出力' }).click();

    const refused = page.getByTestId('export-unmappable');
    await expect(refused).toContainText('「𠮷」(U+20BB7) 12行目から計1行');
    await fullPageShot(page, 'reports-cp932-refused');

    const download = page.waitForEvent('download');
    await refused.getByRole('button', { name: '〓に置き換えて出力' }).click();
    expect((await download).suggestedFilename()).toBe(
      'locked-out-20261201.csv',
    );
    await expect(page.getByTestId('export-replaced')).toContainText(
      '「𠮷」(U+20BB7) を「〓」に置き換えて出力しました。',
    );
  });
});
