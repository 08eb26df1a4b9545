import { expect, test } from '@playwright/test';
import {
  ROLE_VIEW,
  collectErrors,
  loginAs,
  mainNav,
  navLabels,
  screenshotPath,
} from './support';

test('the console shell opens on the dashboard after log-in and navigates', async ({
  page,
}) => {
  const errors = collectErrors(page);

  await loginAs(page, 'manager');
  await expect(page).toHaveTitle('ダッシュボード | 電子証明書管理コンソール');

  const nav = mainNav(page);
  await expect(navLabels(page)).toHaveText(ROLE_VIEW.manager.nav);
  await expect(nav.getByRole('link', { name: '職員管理' })).toHaveCount(0);
  await expect(
    nav.getByRole('link', { name: 'ダッシュボード' }),
  ).toHaveAttribute('aria-current', 'page');

  const status = page.getByTestId('system-status');
  await expect(status.getByText('システム状態')).toBeVisible();
  await expect(status.getByTestId('business-date')).toContainText(
    '2026年12月1日(火)',
  );
  await expect(status.getByTestId('database-type')).toHaveText('SQLite');
  await expect(status.getByTestId('database-reachable')).toHaveText('正常');
  await expect(status.getByText('固定日付（デモ）')).toBeVisible();
  await expect(page.getByTestId('toolbar-business-date')).toHaveText(
    '業務日付 2026年12月1日(火)',
  );

  await page.screenshot({
    path: screenshotPath('console-shell'),
    fullPage: true,
  });

  await nav.getByRole('link', { name: '証明書検索' }).click();
  await expect(page).toHaveURL(/\/certificates$/);
  await expect(
    page.getByRole('heading', { level: 1, name: '証明書検索' }),
  ).toBeVisible();
  await expect(nav.getByRole('link', { name: '証明書検索' })).toHaveAttribute(
    'aria-current',
    'page',
  );

  expect(errors).toEqual([]);
});
