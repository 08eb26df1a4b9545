import { expect, type Page } from '@playwright/test';
import type { CertificateSearchPage } from '@certdesk/contracts';
import { fullPageShot, loginAs, mainNav, test } from './support';

/** The API's own answer, with the browser's session (page.request shares its cookies). */
async function searchApi(
  page: Page,
  query: Record<string, string>,
): Promise<CertificateSearchPage> {
  const response = await page.request.get('/api/certificates', {
    params: query,
  });
  expect(response.ok()).toBe(true);
  return (await response.json()) as CertificateSearchPage;
}

// Tall enough that the screenshots show whole pages (the console scrolls inside its layout).
test.use({ viewport: { width: 1280, height: 1400 } });

const searchBox = (page: Page) => page.getByRole('searchbox', { name: '検索' });
const rows = (page: Page) => page.locator('tr.cd-row');

test('branch staff types ﾔﾏﾀﾞ, opens the customer and reads why each user can or cannot log on', async ({
  page,
}) => {
  await loginAs(page, 'branch_staff');
  // The demo data has companies named 山田…/ヤマダ…; half-width ﾔﾏﾀﾞ must find them.
  const expected = await searchApi(page, { q: 'ﾔﾏﾀﾞ', limit: '50' });
  expect(expected.items.length).toBeGreaterThan(0);
  for (const item of expected.items) {
    expect(
      `${item.customer.companyName} ${item.customer.companyNameKana}`,
    ).toMatch(/山田|ヤマダ|ﾔﾏﾀﾞ/);
  }

  await mainNav(page).getByRole('link', { name: '証明書検索' }).click();
  await expect(page).toHaveURL(/\/certificates$/);
  await page.locator('h1').click(); // focus outside any field: `/` jumps to the box
  await page.keyboard.press('/');
  await expect(searchBox(page)).toBeFocused();
  await page.keyboard.type('ﾔﾏﾀﾞ');
  await expect(page).toHaveURL(/\/certificates\?q=/);
  expect(new URL(page.url()).searchParams.get('q')).toBe('ﾔﾏﾀﾞ');

  await expect(rows(page)).toHaveCount(expected.items.length);
  const first = expected.items[0];
  await expect(rows(page).first()).toContainText(first.customer.companyName);
  await expect(rows(page).first()).toContainText(first.ibUser.loginId);
  await fullPageShot(page, 'search-yamada');

  await rows(page)
    .first()
    .getByRole('link', { name: first.customer.companyName })
    .click();
  await expect(page).toHaveURL(`/customers/${first.customer.id}`);
  await expect(page.locator('h1')).toHaveText(first.customer.companyName);
  await expect(page.getByTestId('contract-number')).toHaveText(
    first.customer.contractNumber,
  );
  const card = page.getByTestId(`ib-user-${first.ibUser.loginId}`);
  await expect(card.getByTestId('status-reason')).toHaveText(/。$/);
  await expect(
    mainNav(page).getByRole('link', { name: '証明書検索' }),
  ).toHaveAttribute('aria-current', 'page');
  await fullPageShot(page, 'customer-yamada');

  // Back to the same search, its text still in the box.
  await page.getByRole('link', { name: '検索結果に戻る' }).click();
  await expect(page).toHaveURL(/\/certificates\?q=/);
  await expect(searchBox(page)).toHaveValue('ﾔﾏﾀﾞ');
  await expect(rows(page)).toHaveCount(expected.items.length);
});

test('a locked-out user, found by login ID and Enter, reads how to get a new certificate', async ({
  page,
}) => {
  await loginAs(page, 'branch_staff');
  const {
    items: [lockedOut],
  } = await searchApi(page, { status: 'expired', limit: '1' });
  expect(lockedOut).toBeDefined();

  await page.goto('/certificates');
  await searchBox(page).fill(lockedOut.ibUser.loginId);
  await searchBox(page).press('Enter');
  await expect(page).toHaveURL(`/customers/${lockedOut.customer.id}`);

  const card = page.getByTestId(`ib-user-${lockedOut.ibUser.loginId}`);
  await expect(card.locator('cd-status-chip')).toHaveText(
    '期限切れ（ログオン不可）',
  );
  await expect(card.getByTestId('status-reason')).toContainText(
    'ログオン画面の「電子証明書取得」から再取得できます',
  );
  await expect(card.getByTestId('status-reason')).toContainText(
    'ログオンできません',
  );
  // The customer acquires by themselves; the only action offered is a reissue (for a lost PC).
  await expect(card.getByRole('button')).toHaveText(['再発行を依頼']);
  await fullPageShot(page, 'customer-locked-out');
});

test('the ロックアウト中 card opens the search with status=expired, only 期限切れ rows, paged', async ({
  page,
}) => {
  await loginAs(page, 'branch_staff');
  await expect(page.locator('canvas')).toBeVisible();
  const card = page.getByRole('link', { name: /期限切れ（ログオン不可）/ });
  await expect(card).toContainText('件');
  await fullPageShot(page, 'dashboard');

  await card.click();
  await expect(page).toHaveURL(/\/certificates\?status=expired$/);
  await expect(
    page.getByRole('option', { name: '期限切れ（ログオン不可）' }),
  ).toHaveAttribute('aria-selected', 'true');
  await expect(rows(page)).toHaveCount(50);
  const statuses = page.locator('tr.cd-row cd-status-chip');
  expect(new Set(await statuses.allTextContents())).toEqual(
    new Set(['期限切れ（ログオン不可）']),
  );
  await fullPageShot(page, 'search-expired');

  // Next page through the API's cursor, and back.
  const firstRow = await rows(page).first().textContent();
  await page.getByRole('button', { name: '次へ' }).click();
  await expect(page).toHaveURL(/status=expired&cursor=/);
  await expect(rows(page).first()).not.toHaveText(firstRow ?? '');
  expect(new Set(await statuses.allTextContents())).toEqual(
    new Set(['期限切れ（ログオン不可）']),
  );
  await page.getByRole('button', { name: '前へ' }).click();
  await expect(page).toHaveURL(/\/certificates\?status=expired$/);
  await expect(rows(page).first()).toHaveText(firstRow ?? '');
});
