import { expect, type Page } from '@playwright/test';
import type {
  CertificateSearchItem,
  CertificateSearchPage,
  ReissuePage,
} from '@certdesk/contracts';
import {
  fullPageShot,
  loginAs,
  mainNav,
  screenshotPath,
  submitLogin,
  test,
} from './support';
import { acquireInPortal, IB_PORT } from './ib-support';

// Tall enough that the screenshots show whole pages (the console scrolls inside its layout).
test.use({ viewport: { width: 1280, height: 1400 } });

/** GET with the browser's session (page.request shares its cookies). */
async function api<T>(
  page: Page,
  path: string,
  params: Record<string, string>,
): Promise<T> {
  const response = await page.request.get(path, { params });
  expect(response.ok()).toBe(true);
  return (await response.json()) as T;
}

/**
 * A user past the self-service limit. Not the first of the list: the reports test pages through
 * the past-limit list from its first row at the same time, and this test takes its user out of it.
 */
async function pastLimitUser(page: Page): Promise<CertificateSearchItem> {
  const { items } = await api<CertificateSearchPage>(
    page,
    '/api/certificates',
    {
      status: 'reissue_required',
      limit: '50',
    },
  );
  const user = items.at(-1);
  if (!user) throw new Error('the demo data has no past-limit user');
  return user;
}

const card = (page: Page, loginId: string) =>
  page.getByTestId(`ib-user-${loginId}`);

test('branch staff requests a reissue for a past-limit user; a manager approves it; the customer acquires again and is 有効', async ({
  page,
  browser,
}, testInfo) => {
  // ── 営業店: the customer calls, locked out for good ──────────────────────
  await loginAs(page, 'branch_staff');
  const user = await pastLimitUser(page);
  const { loginId } = user.ibUser;
  await page.goto('/certificates');
  const searchBox = page.getByRole('searchbox', { name: '検索' });
  await searchBox.fill(loginId);
  await searchBox.press('Enter');
  await expect(page).toHaveURL(`/customers/${user.customer.id}`);
  await expect(card(page, loginId).locator('cd-status-chip')).toHaveText(
    '再発行が必要（90日超過）',
  );

  await card(page, loginId)
    .getByRole('button', { name: '再発行を依頼' })
    .click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading')).toHaveText('再発行を依頼');
  await expect(dialog.getByTestId('reissue-target')).toContainText(loginId);
  await expect(dialog.getByRole('combobox', { name: '理由' })).toHaveText(
    '有効期限から90日超過',
  );
  await expect(dialog.getByLabel('依頼書受付日')).toHaveValue('2026/12/01');
  await dialog.getByLabel('本人確認の方法').click();
  await page
    .getByRole('option', { name: '届出印の照合（電子証明書再発行依頼書）' })
    .click();
  await fullPageShot(page, 'reissue-request-dialog');
  await dialog.getByRole('button', { name: '依頼する' }).click();

  await expect(dialog).toBeHidden();
  await expect(page.locator('mat-snack-bar-container')).toContainText(
    `${user.ibUser.name}（${loginId}）の再発行を依頼しました`,
  );
  await expect(card(page, loginId).locator('cd-status-chip')).toHaveText(
    '再発行承認待ち',
  );
  await expect(
    card(page, loginId).getByRole('link', { name: '再発行の依頼を表示' }),
  ).toBeVisible();
  await expect(
    card(page, loginId).getByRole('button', { name: '再発行を依頼' }),
  ).toHaveCount(0);
  await fullPageShot(page, 'reissue-customer-pending');
  await page.getByRole('button', { name: 'ログアウト' }).click();
  await expect(page).toHaveURL(/\/login\?reason=logout$/);

  // ── 役席: the badge says something waits; approve it with a comment ──────────
  await submitLogin(page, 'manager-1001');
  await expect(page).toHaveURL(/\/dashboard$/);
  const waiting = await api<ReissuePage>(page, '/api/reissues', {
    status: 'pending',
  });
  const request = waiting.items.find((r) => r.ibUser.loginId === loginId);
  expect(request).toBeDefined();
  const badge = page.getByTestId('nav-badge').locator('.mat-badge-content');
  await expect(badge).toHaveText(String(waiting.pendingCount));

  await mainNav(page).getByRole('link', { name: '再発行' }).click();
  await expect(page).toHaveURL(/\/reissues$/);
  await expect(
    page.getByRole('tab', { name: /承認待ち/, selected: true }),
  ).toBeVisible();
  const row = page.locator('tr.cd-row', { hasText: loginId });
  await expect(row).toContainText(user.customer.companyName);
  await expect(row).toContainText('有効期限から90日超過');
  await expect(row).toContainText(request?.requestedBy.name ?? '?');
  await expect(row.locator('cd-status-chip')).toHaveText('再発行承認待ち');
  await expect(row).toContainText('1時間未満');
  await fullPageShot(page, 'reissue-queue');

  await row.getByRole('button', { name: '承認' }).click();
  await expect(dialog.getByRole('heading')).toHaveText('再発行を承認');
  await dialog.getByLabel('コメント').fill('依頼書・届出印を確認');
  await fullPageShot(page, 'reissue-approve-dialog');
  await dialog.getByRole('button', { name: '承認する' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('mat-snack-bar-container')).toContainText(
    '再発行を承認しました',
  );
  await expect(row).toHaveCount(0);
  // The badge follows: one fewer waits (none left: no badge).
  const left = waiting.pendingCount - 1;
  if (left > 0) {
    await expect(badge).toHaveText(String(left));
  } else {
    await expect(page.getByTestId('nav-badge')).toHaveCount(0);
  }

  // ── The customer page: acquisition is open; the request sheet for the branch file ─
  await page.goto(`/customers/${user.customer.id}`);
  await expect(card(page, loginId).locator('cd-status-chip')).toHaveText(
    '再発行済（取得待ち）',
  );
  await fullPageShot(page, 'reissue-customer-authorized');
  await card(page, loginId)
    .getByRole('link', { name: '再発行の依頼を表示' })
    .click();
  await expect(page).toHaveURL(`/reissues/${request?.id}`);
  const sheet = page.getByTestId('reissue-sheet');
  await expect(sheet.getByTestId('sheet-status')).toHaveText(
    '承認済（取得待ち）',
  );
  await expect(sheet.getByTestId('sheet-decider')).toContainText(
    '（2026/12/01',
  );
  await expect(sheet).toContainText('依頼書・届出印を確認');
  await expect(sheet).toContainText('2027年2月18日(木)まで');
  await expect(sheet.getByTestId('stamp-box')).toHaveText(['検印', '担当']);
  await expect(
    page.getByRole('button', { name: '依頼書を印刷' }),
  ).toBeVisible();
  await fullPageShot(page, 'reissue-detail');

  await page.emulateMedia({ media: 'print' });
  await expect(mainNav(page)).toBeHidden();
  await expect(page.getByRole('button', { name: 'ログアウト' })).toBeHidden();
  await expect(page.getByRole('button', { name: '依頼書を印刷' })).toBeHidden();
  await expect(sheet).toBeVisible();
  await fullPageShot(page, 'reissue-print-sheet');
  await page.emulateMedia({ media: 'screen' });

  // ── The customer: 電子証明書取得 through the IB channel (the portal); the status becomes 有効 ─
  const customerPc = await browser.newContext({
    ignoreHTTPSErrors: true, // the IB listener's certificate is self-signed for localhost
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
  });
  const portal = await customerPc.newPage();
  await portal.goto(`https://localhost:${IB_PORT}/acquisition`);
  await acquireInPortal(
    portal,
    { loginId, creditUnionCode: '1001' },
    'e2e-Reissue-2026',
    async (step) => {
      await portal.screenshot({
        path: screenshotPath(`reissue-acquisition-${step}`),
        fullPage: true,
      });
    },
    testInfo.outputPath('reissued.p12'),
  );
  await customerPc.close();
  await page.goto(`/customers/${user.customer.id}`);
  await expect(card(page, loginId).locator('cd-status-chip')).toHaveText(
    '有効',
  );
  await page.goto(`/reissues/${request?.id}`);
  await expect(
    page.getByTestId('reissue-sheet').getByTestId('sheet-status'),
  ).toHaveText('取得済');
  await fullPageShot(page, 'reissue-completed');
});
