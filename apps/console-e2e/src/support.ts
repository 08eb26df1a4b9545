import { expect, test as base, type Page } from '@playwright/test';
import type { StaffRole } from '@certdesk/domain';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** `DEMO_PASSWORD` of the demo data the e2e server seeds (tools/e2e-server.mjs). */
export const DEMO_PASSWORD = 'certdesk-demo-2026';
export const CREDIT_UNION_1001 = 'さくら信用金庫';

export type DemoRole = StaffRole;

/** Exactly the navigation each role must see, in order, and where it lands after log-in. */
export const ROLE_VIEW: Record<
  DemoRole,
  { label: string; home: string; nav: string[] }
> = {
  branch_staff: {
    label: '営業店',
    home: '/dashboard',
    nav: ['ダッシュボード', '証明書検索', '再発行', '通知テンプレート'],
  },
  compliance: {
    label: 'コンプライアンス',
    home: '/dashboard',
    nav: [
      'ダッシュボード',
      '証明書検索',
      '通知テンプレート',
      'レポート',
      '監査ログ',
    ],
  },
  manager: {
    label: '役席',
    home: '/dashboard',
    nav: [
      'ダッシュボード',
      '証明書検索',
      '再発行',
      '通知テンプレート',
      'レポート',
      '監査ログ',
      '取込',
      '削除・解約の承認',
    ],
  },
  admin: {
    label: 'システム管理',
    home: '/staff',
    nav: ['職員管理', '取込', '削除・解約の承認'],
  },
};

export function screenshotPath(name: string): string {
  const path = resolve(__dirname, `../../../dist/screenshots/${name}.png`);
  mkdirSync(dirname(path), { recursive: true });
  return path;
}

/** A full-page screenshot of `page` under dist/screenshots/<name>.png. */
export async function fullPageShot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
}

/**
 * Console errors and page errors (CSP violations surface there), except the console error the
 * browser logs for a request to `expectedFailure` (an API answer that is not a fault).
 */
export function collectErrorsExcept(
  page: Page,
  expectedFailure: string,
): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (
      msg.type() === 'error' &&
      !msg.location().url.endsWith(expectedFailure)
    ) {
      errors.push(msg.text());
    }
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/**
 * Console errors and page errors of a console page. The 401 of `GET /api/auth/me` on the log-in
 * page is the API saying "signed out", not a fault, so it is not collected.
 */
export function collectErrors(page: Page): string[] {
  return collectErrorsExcept(page, '/api/auth/me');
}

/** Fills the log-in form that `page` is on and submits it. */
export async function submitLogin(
  page: Page,
  username: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await expect(
    page.getByRole('heading', { level: 1, name: 'ログイン' }),
  ).toBeVisible();
  await page.getByLabel('ユーザー名').fill(username);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
}

/** Opens the console signed out, logs in as `<role>-1001` and waits for the landing page. */
export async function loginAs(page: Page, role: DemoRole): Promise<void> {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await submitLogin(page, `${role}-1001`);
  await expect(page).toHaveURL(new RegExp(`${ROLE_VIEW[role].home}$`));
}

export function mainNav(page: Page) {
  return page.getByRole('navigation', { name: 'メインメニュー' });
}

/**
 * The navigation's section names, without a badge's count: a manager's 再発行 may show how many
 * requests wait (another test may have one open at that moment).
 */
export function navLabels(page: Page) {
  return mainNav(page).locator('.cd-nav-label');
}

/**
 * Playwright's `test` for console journeys that must end free of console and page errors: the
 * errors of `page` ({@link collectErrors}) are collected from the start and, when the test body
 * has run, must be exactly `expectedPageErrors` (none unless a `test.use` says otherwise).
 */
export const test = base.extend<{
  expectedPageErrors: string[];
  pageErrorsChecked: void;
}>({
  expectedPageErrors: [[], { option: true }],
  pageErrorsChecked: [
    async ({ page, expectedPageErrors }, use) => {
      const errors = collectErrors(page);
      await use();
      expect(errors).toEqual(expectedPageErrors);
    },
    { auto: true },
  ],
});
