import { expect, test } from '@playwright/test';
import {
  CREDIT_UNION_1001,
  type DemoRole,
  ROLE_VIEW,
  collectErrors,
  loginAs,
  navLabels,
  screenshotPath,
  submitLogin,
} from './support';

const ROLES: DemoRole[] = ['branch_staff', 'compliance', 'manager', 'admin'];

for (const role of ROLES) {
  test(`${role}-1001 logs in and sees exactly the navigation of ${ROLE_VIEW[role].label}`, async ({
    page,
  }) => {
    const errors = collectErrors(page);
    await loginAs(page, role);

    await expect(navLabels(page)).toHaveText(ROLE_VIEW[role].nav);
    await expect(page.getByTestId('credit-union')).toHaveText(
      CREDIT_UNION_1001,
    );
    await expect(page.getByTestId('user-name')).toContainText(
      ROLE_VIEW[role].label,
    );
    await expect(page.getByTestId('user-role')).toHaveText(
      ROLE_VIEW[role].label,
    );
    await expect(
      page.getByRole('button', { name: 'ログアウト' }),
    ).toBeVisible();
    if (role === 'admin') {
      await expect(
        page.getByRole('heading', { level: 1, name: '職員管理' }),
      ).toBeVisible();
      await expect(
        page.getByRole('cell', { name: 'admin-1001', exact: true }),
      ).toBeVisible();
    }

    await page.screenshot({
      path: screenshotPath(`login-${role}`),
      fullPage: true,
    });
    expect(errors).toEqual([]);
  });
}

test('a wrong password shows the Japanese error and stays on the log-in page', async ({
  page,
}) => {
  await page.goto('/login');
  // Not a demo account used elsewhere: failures count towards the account lock.
  await submitLogin(page, 'manager-1002', 'not-the-password');
  await expect(page.getByRole('alert')).toContainText(
    'ユーザー名またはパスワードが正しくない',
  );
  await expect(page).toHaveURL(/\/login$/);
  await expect(
    page.getByRole('navigation', { name: 'メインメニュー' }),
  ).toHaveCount(0);
  await page.screenshot({
    path: screenshotPath('login-error'),
    fullPage: true,
  });
});

test('log-out returns to the log-in page, and the console stays closed afterwards', async ({
  page,
}) => {
  await loginAs(page, 'compliance');
  await page.getByRole('button', { name: 'ログアウト' }).click();
  await expect(page).toHaveURL(/\/login\?reason=logout$/);
  await expect(
    page.getByRole('heading', { level: 1, name: 'ログイン' }),
  ).toBeVisible();
  await expect(page.getByText('ログアウトしました。')).toBeVisible();

  await page.goto('/audit');
  await expect(page).toHaveURL(/\/login\?returnUrl=%2Faudit$/);
});

test('a page opened signed out is shown after log-in (returnUrl)', async ({
  page,
}) => {
  await page.goto('/audit?outcome=denied');
  await expect(page).toHaveURL(/\/login\?returnUrl=/);
  await submitLogin(page, 'compliance-1001');
  await expect(page).toHaveURL(/\/audit\?outcome=denied$/);
  await expect(
    page.getByRole('heading', { level: 1, name: '監査ログ' }),
  ).toBeVisible();
});
