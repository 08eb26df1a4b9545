import { expect, type Page } from '@playwright/test';
import {
  NOTICE_DELIVERY_CSV_HEADERS,
  type NoticeDeliveryReport,
  type ReissueHistoryReport,
  type ReissueView,
} from '@certdesk/contracts';
import { readFile } from 'node:fs/promises';
import { parseCsv } from './csv';
import { staffApi, usersIn } from './ib-support';
import { fullPageShot, loginAs, mainNav, test } from './support';

const BASE_URL = 'http://127.0.0.1:3100';
const REISSUE_ID = 20; // 再発行依頼ID, the last of the history CSV's 21 columns

/** A reissue recorded by branch staff and approved by a manager (which also queues the reissue-ready mail). */
async function approvedReissue(): Promise<ReissueView> {
  const branch = await staffApi(BASE_URL, 'branch_staff-1001');
  const manager = await staffApi(BASE_URL, 'manager-1001');
  const xsrf = async (api: typeof branch) =>
    (await api.storageState()).cookies.find((c) => c.name === 'XSRF-TOKEN')
      ?.value ?? '';
  // The last past-limit users: other tests take theirs from the front of the list.
  for (const user of (await usersIn(branch, 'reissue_required')).reverse()) {
    const created = await branch.post('/api/reissues', {
      data: {
        ibUserId: user.ibUser.id,
        reason: 'past_limit',
        identityCheck: '届出印の照合（電子証明書再発行依頼書）',
        formReceivedOn: '2026-12-01',
      },
      headers: { 'x-xsrf-token': await xsrf(branch), origin: BASE_URL },
    });
    if (created.status() === 409) continue; // a request is already open for this user
    expect(created.status(), await created.text()).toBe(201);
    const { id } = (await created.json()) as ReissueView;
    const approved = await manager.post(`/api/reissues/${id}/approve`, {
      data: { comment: '依頼書・届出印を確認' },
      headers: { 'x-xsrf-token': await xsrf(manager), origin: BASE_URL },
    });
    expect(approved.status(), await approved.text()).toBe(200);
    return (await approved.json()) as ReissueView;
  }
  throw new Error('no past-limit IB user without an open reissue');
}

async function downloadCsv(page: Page): Promise<string[][]> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'CSV出力' }).click();
  const bytes = await readFile(await (await download).path());
  return parseCsv(new TextDecoder('utf-8').decode(bytes.subarray(3)));
}

test.use({ viewport: { width: 1280, height: 1400 } });

test('再発行履歴 and 通知の送信状況: a compliance officer sees an approved reissue and its mail, and downloads both as CSV', async ({
  page,
}) => {
  const reissue = await approvedReissue();
  await loginAs(page, 'compliance');
  const history = (await (
    await page.request.get('/api/reports/reissues', {
      params: { limit: '200' },
    })
  ).json()) as ReissueHistoryReport;
  const row = history.items.find((r) => r.id === reissue.id);
  expect(row).toMatchObject({
    status: 'authorized',
    decidedBy: expect.any(String),
  });

  await mainNav(page).getByRole('link', { name: 'レポート' }).click();
  await page.getByRole('tab', { name: '再発行履歴' }).click();
  await expect(page).toHaveURL(/\/reports\?tab=reissues$/);
  await expect(page.getByTestId('reissue-summary')).toContainText(
    `${history.summary.total}件`,
  );
  await expect(
    page
      .getByRole('row', { name: new RegExp(reissue.customer.companyName) })
      .first(),
  ).toContainText('承認済（取得待ち）');
  await fullPageShot(page, 'reports-reissues');
  const [header, ...rows] = await downloadCsv(page);
  expect(header[0]).toBe('受付日時');
  expect(header[REISSUE_ID]).toBe('再発行依頼ID');
  expect(rows.map((r) => r[REISSUE_ID])).toEqual(
    history.items.map((r) => r.id),
  );

  const notices = (await (
    await page.request.get('/api/reports/notices')
  ).json()) as NoticeDeliveryReport;
  expect(notices.days.some((d) => d.kind === 'reissue_ready')).toBe(true);
  await page.getByRole('tab', { name: '通知の送信状況' }).click();
  await expect(page).toHaveURL(/\/reports\?tab=notices$/);
  await expect(page.locator('canvas')).toBeVisible();
  await expect(page.getByTestId('notice-totals')).toBeVisible();
  await fullPageShot(page, 'reports-notices');
  const [noticeHeader, ...noticeRows] = await downloadCsv(page);
  expect(noticeHeader).toEqual(NOTICE_DELIVERY_CSV_HEADERS);
  expect(noticeRows.map((r) => [r[0], r[2]])).toEqual(
    notices.days.map((d) => [d.day, d.label]),
  );
});
