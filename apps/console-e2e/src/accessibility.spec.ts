import { expect, test } from '@playwright/test';
import { expectAccessible } from './a11y';
import { loginAs } from './support';

/** The console's main pages (a manager sees them all but 職員管理; an admin sees that). */
test('axe-core: 0 serious or critical violations on the console’s main pages', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/login');
  await expectAccessible(page, 'ログイン');
  await loginAs(page, 'manager');
  await expectAccessible(page, 'ダッシュボード');
  for (const [path, name] of [
    ['/certificates', '証明書検索'],
    ['/reissues', '再発行'],
    ['/templates', '通知テンプレート'],
    ['/reports', 'レポート'],
    ['/audit', '監査ログ'],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // Checked once the page's data has arrived: no loading indicator left.
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    await expectAccessible(page, name);
  }
  // ご契約先: the first customer the search lists.
  await page.goto('/certificates');
  await page.locator('a[href^="/customers/"]').first().click();
  await expect(page.getByTestId('status-reason').first()).toBeVisible();
  await expectAccessible(page, 'ご契約先');
});
