import { expect, type Page } from '@playwright/test';
import type {
  CertificateSearchItem,
  CertificateSearchPage,
  Mailbox,
} from '@certdesk/contracts';
import { fullPageShot, loginAs, mainNav, test } from './support';

test.use({ viewport: { width: 1400, height: 1400 } });

const NEW_SUBJECT = '【重要】電子証明書の有効期限が近づいています';
/** The line the manager adds at the top (with a full-width space, as Japanese mails indent). */
const NEW_LINE = '■ご注意\u3000有効期限日（';

/** GET with the browser's session (page.request shares its cookies). */
async function api<T>(page: Page, path: string, params = {}): Promise<T> {
  const response = await page.request.get(path, { params });
  expect(response.ok()).toBe(true);
  return (await response.json()) as T;
}

/**
 * A user whose certificate expires in 11–20 days. The daily run at the server's start (09:00, after
 * 06:00) already sent them the 30-day reminder with the shipped wording; a 20-day milestone makes
 * their next reminder due today.
 */
async function customerDueIn11to20Days(
  page: Page,
): Promise<CertificateSearchItem> {
  const { items } = await api<CertificateSearchPage>(
    page,
    '/api/certificates',
    {
      status: 'renewal_due',
      expiresFrom: '2026-12-12',
      expiresTo: '2026-12-21',
      limit: '20',
    },
  );
  const user = items[0];
  if (!user)
    throw new Error('the demo data has no user expiring in 11–20 days');
  return user;
}

async function snackBar(page: Page, text: string): Promise<void> {
  await expect(
    page.locator('mat-snack-bar-container').filter({ hasText: text }),
  ).toBeVisible();
}

async function confirmDialog(page: Page, button: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: button }).click();
  await expect(dialog).toBeHidden();
}

async function setSchedule20Days(page: Page, on: boolean): Promise<void> {
  await page.getByRole('tab', { name: '通知スケジュール' }).click();
  await expect(page).toHaveURL(/\/templates\/schedule$/);
  const days = page.getByRole('list', { name: '通知日' });
  if (on) {
    await expect(days.getByRole('listitem')).toHaveText([
      /有効期限の30日前/,
      /有効期限の10日前/,
    ]);
    await page.getByLabel('日数').fill('20');
    await page.getByRole('button', { name: '通知日を追加' }).click();
    await expect(days.getByRole('listitem')).toHaveText([
      /有効期限の30日前/,
      /有効期限の20日前\s*電子証明書更新のご案内/,
      /有効期限の10日前/,
    ]);
  } else {
    await days.getByRole('button', { name: '有効期限の20日前を削除' }).click();
  }
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await snackBar(page, '通知スケジュールを保存しました');
}

test('a manager rewords the renewal reminder, previews it on a real customer, publishes it, and the next run mails the new wording', async ({
  page,
}) => {
  await loginAs(page, 'manager');
  const customer = await customerDueIn11to20Days(page);
  const { loginId, name } = customer.ibUser;

  // ── 通知テンプレート → 電子証明書更新のご案内 ────────────────────────────────
  await mainNav(page).getByRole('link', { name: '通知テンプレート' }).click();
  await expect(page).toHaveURL(/\/templates$/);
  await page
    .getByRole('link', { name: '電子証明書更新のご案内（メール）' })
    .click();
  await expect(page).toHaveURL(/\/templates\/renewal_reminder$/);
  await expect(page.getByTestId('template-status')).toContainText(
    '公開中: 第1版',
  );

  // Reword: a new subject, and a line at the top of the body with a variable from the palette.
  await page.getByLabel('件名').fill(NEW_SUBJECT);
  const body = page.getByLabel('本文');
  await body.focus();
  await body.press('Control+Home');
  await body.pressSequentially(NEW_LINE);
  await page.getByRole('button', { name: '有効期限日', exact: true }).click();
  await body.pressSequentially('）までに更新をお願いします。\n');
  await expect(body).toHaveValue(
    new RegExp(`^${NEW_LINE}\\{\\{ expiryDate \\| jdate \\}\\}）までに`),
  );

  // Preview on the real customer: their name, address and expiry date in the new wording.
  await page.getByRole('radio', { name: '実在の利用者' }).check();
  await page.getByLabel('利用者を検索').fill(loginId);
  await page.getByRole('option', { name: new RegExp(loginId) }).click();
  await expect(page.getByTestId('preview-target')).toContainText(loginId);
  await expect(page.getByTestId('preview-subject')).toHaveText(NEW_SUBJECT);
  const recipient = (
    (await page.getByTestId('preview-recipient').textContent()) ?? ''
  ).trim();
  expect(recipient).toMatch(/@/);
  const expiry = /^(\d{4})-(\d{2})-(\d{2})$/.exec(customer.expiryDate ?? '');
  const jdate = `${Number(expiry?.[1])}年${Number(expiry?.[2])}月${Number(expiry?.[3])}日`;
  const preview = page.getByTestId('preview-text');
  await expect(preview).toContainText(`${NEW_LINE}${jdate}`);
  await expect(preview).toContainText(`${name} 様`);
  await fullPageShot(page, 'notice-template-editor');

  // 下書きを保存, then 公開.
  await page.getByRole('button', { name: '下書きを保存' }).click();
  await snackBar(page, '下書きを保存しました（第2版）');
  await expect(page.getByTestId('diff-body')).toContainText(
    `+ ${NEW_LINE}{{ expiryDate | jdate }}）までに更新をお願いします。`,
  );
  await page.getByRole('button', { name: '公開する' }).click();
  await confirmDialog(page, '公開する');
  await snackBar(page, '第2版を公開しました');
  await expect(page.getByTestId('template-status')).toContainText(
    '公開中: 第2版（manager-1001・',
  );

  // ── 通知スケジュール: today's mails went out at start-up; a 20-day reminder is due now ──
  await setSchedule20Days(page, true);

  // ── 今すぐ実行 ─────────────────────────────────────────────────────────
  await page.getByRole('tab', { name: '今すぐ実行' }).click();
  await expect(page).toHaveURL(/\/templates\/runs$/);
  await page.getByRole('button', { name: '今すぐ実行' }).click();
  await confirmDialog(page, '実行する');
  const progress = page.getByTestId('run-progress');
  await expect(progress).toContainText('完了', { timeout: 30_000 });
  await expect(progress).toContainText('100%');
  await expect(progress.getByRole('status')).toContainText('失敗 0件');
  await fullPageShot(page, 'notice-run');

  // The SMTP server received the customer's 20-day reminder in the published wording.
  const mailbox = await api<Mailbox>(page, '/api/dev/mailbox');
  const toCustomer = mailbox.messages.filter((m) => m.to.includes(recipient));
  const fresh = toCustomer.filter((m) => m.subject === NEW_SUBJECT);
  expect(fresh).toHaveLength(1);
  expect(fresh[0].text).toContain(`${NEW_LINE}${jdate}`);
  expect(fresh[0].text).toContain(`${name} 様`);
  // …while their 30-day reminder of this morning still carries the shipped wording.
  expect(toCustomer.map((m) => m.subject)).toContain('電子証明書更新のご案内');

  // ── 送信履歴 shows it, sent with version 2 ───────────────────────────────────
  await page.getByRole('tab', { name: '送信履歴' }).click();
  await page.getByRole('combobox', { name: '通知日' }).click();
  await page.getByRole('option', { name: '有効期限の20日前' }).click();
  await page.getByRole('button', { name: '検索' }).click();
  await expect(page).toHaveURL(/\/templates\/log\?milestone=20$/);
  const row = page.getByRole('row').filter({ hasText: recipient });
  await expect(row).toContainText('第2版');
  await expect(row).toContainText('送信済み');

  // Leave the schedule as the other tests expect it.
  await setSchedule20Days(page, false);
});
