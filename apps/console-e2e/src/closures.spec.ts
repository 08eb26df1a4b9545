import { expect, type Page } from '@playwright/test';
import type {
  CertificateSearchItem,
  CertificateSearchPage,
} from '@certdesk/contracts';
import { loginAs, screenshotPath, test } from './support';

test.use({ viewport: { width: 1280, height: 1400 } });

/**
 * A customer with valid certificates from the end of the list (other tests take theirs from the
 * start or by other statuses), so closing it takes nothing from them.
 */
async function customerToClose(page: Page): Promise<CertificateSearchItem> {
  const response = await page.request.get('/api/certificates', {
    params: { status: 'valid', limit: '200' },
  });
  expect(response.ok()).toBe(true);
  const { items } = (await response.json()) as CertificateSearchPage;
  const item = items.at(-1);
  if (!item) throw new Error('the demo data has no valid user');
  return item;
}

test('a manager closes a customer by hand on ご契約先: reason required, 解約済み shown, in the 解約・削除 report', async ({
  page,
}) => {
  await loginAs(page, 'manager');
  const item = await customerToClose(page);
  await page.goto(`/customers/${item.customer.id}`);
  await expect(page.getByTestId('contract-number')).toHaveText(
    item.customer.contractNumber,
  );

  await page.getByRole('button', { name: '解約する' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading')).toHaveText('ご契約先を解約');
  await expect(dialog.getByTestId('close-target')).toContainText(
    item.customer.contractNumber,
  );
  await expect(dialog).toContainText('元に戻せません');
  await dialog.getByRole('button', { name: '解約する' }).click();
  await expect(dialog).toContainText('理由を入力してください');
  await dialog.getByLabel('理由').fill('窓口で解約届を受領（E2E）');
  await page.screenshot({ path: screenshotPath('closure-dialog') });
  await dialog.getByRole('button', { name: '解約する' }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByTestId('customer-closure')).toContainText('解約済み');
  await expect(page.getByTestId('customer-closure')).toContainText(
    '窓口で解約届を受領（E2E）',
  );
  await expect(page.getByRole('button', { name: '解約する' })).toHaveCount(0);
  const card = page.getByTestId(`ib-user-${item.ibUser.loginId}`);
  await expect(card.getByTestId('ib-user-closure')).toHaveText('削除済み');
  await expect(card.locator('cd-status-chip')).toHaveText('失効');
  await page.screenshot({ path: screenshotPath('closure-customer-closed') });

  await page.goto('/reports?tab=closures');
  await expect(page.getByTestId('closure-totals')).toBeVisible();
  await expect(page.locator('table')).toContainText(
    item.customer.contractNumber,
  );
  await expect(page.locator('table')).toContainText(
    '窓口で解約届を受領（E2E）',
  );
  await page.screenshot({ path: screenshotPath('closure-report') });
});
