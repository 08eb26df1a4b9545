import { expect, test } from '@playwright/test';
import { collectErrors, loginAs, screenshotPath, submitLogin } from './support';

test.use({ viewport: { width: 1280, height: 1000 } });

test('an admin adds a 役席: it waits as 承認待ち; a second admin approves it and receives the one-time password', async ({
  page,
  browser,
}) => {
  const errors = collectErrors(page);
  const username = `dual.${Date.now().toString(36)}`;

  // ── admin-1001 asks ──────────────────────────────────────────────────────
  await loginAs(page, 'admin');
  await page.getByRole('button', { name: '職員を追加' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('ユーザー名').fill(username);
  await form.getByLabel('氏名').fill('二重 承認');
  await form.getByRole('combobox', { name: '権限' }).click();
  await page.getByRole('option', { name: '役席' }).click();
  await form.getByRole('button', { name: '追加' }).click();
  await expect(page.getByText(/承認待ちになりました/)).toBeVisible();
  const pending = page.locator('.cd-change-table tr', { hasText: username });
  await expect(pending).toContainText('職員の追加（役席）');
  await expect(pending.getByRole('button', { name: '取消' })).toBeVisible();
  await expect(pending.getByRole('button', { name: '承認' })).toHaveCount(0);
  await expect(
    page.getByRole('cell', { name: username, exact: true }),
  ).toHaveCount(0);

  // ── admin2-1001 approves, in another browser ─────────────────────────────
  const other = await browser.newContext();
  const second = await other.newPage();
  const secondErrors = collectErrors(second);
  await second.goto('/');
  await submitLogin(second, 'admin2-1001');
  await expect(second).toHaveURL(/\/staff$/);
  const row = second.locator('.cd-change-table tr', { hasText: username });
  await expect(row).toContainText('デモ システム管理（さくら信用金庫）');
  await second.screenshot({
    path: screenshotPath('staff-dual-control-pending'),
  });
  await row.getByRole('button', { name: '承認' }).click();
  const decide = second.getByRole('dialog');
  await expect(decide).toContainText('職員の追加（役席）');
  await decide.getByRole('button', { name: '承認する' }).click();
  const shown = second.getByRole('dialog');
  await expect(shown).toContainText('承認しました（職員を追加しました）');
  await expect(second.getByTestId('one-time-password')).toHaveText(
    /^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/,
  );
  await second.screenshot({
    path: screenshotPath('staff-dual-control-approved'),
  });
  await shown.getByRole('button', { name: '閉じる' }).click();
  await expect(
    second.getByRole('cell', { name: username, exact: true }),
  ).toBeVisible();
  await expect(second.locator('.cd-change-table')).toHaveCount(0);
  await other.close();

  // ── the requester sees it done ───────────────────────────────────────────
  await page.reload();
  await expect(
    page.getByRole('cell', { name: username, exact: true }),
  ).toBeVisible();
  await expect(page.locator('.cd-change-table')).toHaveCount(0);
  expect([...errors, ...secondErrors]).toEqual([]);
});
