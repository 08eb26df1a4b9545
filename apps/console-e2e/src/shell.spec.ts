import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const SCREENSHOT = resolve(
  __dirname,
  '../../../dist/screenshots/console-shell.png',
);

const NAV_LABELS = [
  'ダッシュボード',
  '証明書検索',
  '再発行',
  '通知テンプレート',
  'レポート',
  '監査ログ',
  '職員管理',
];

test('the console shell opens on the dashboard and navigates', async ({
  page,
}) => {
  // CSP violations and runtime errors surface as console errors: the shell must have none.
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));

  await page.goto('/');
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page).toHaveTitle('ダッシュボード | 電子証明書管理コンソール');

  const nav = page.getByRole('navigation', { name: 'メインメニュー' });
  const links = nav.getByRole('link');
  await expect(links).toHaveText(NAV_LABELS);
  await expect(
    nav.getByRole('link', { name: 'ダッシュボード' }),
  ).toHaveAttribute('aria-current', 'page');

  const status = page.getByTestId('system-status');
  await expect(status.getByText('システム状態')).toBeVisible();
  await expect(status.getByTestId('business-date')).toContainText(
    '2026年12月01日(火)',
  );
  await expect(status.getByTestId('database-type')).toHaveText('SQLite');
  await expect(status.getByTestId('database-reachable')).toHaveText('正常');
  await expect(status.getByText('固定日付（デモ）')).toBeVisible();
  await expect(page.getByTestId('toolbar-business-date')).toHaveText(
    '業務日付 2026年12月01日(火)',
  );

  mkdirSync(dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });

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
