import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays } from '@certdesk/domain';
import {
  ApiInstance,
  collectPortalErrors as collectErrors,
  IB_PORT,
  SEED_CONTACT_WORDING,
  acquireInPortal,
  ibGet,
  screen,
  staffApi,
  usersIn,
} from './ib-support';
import {
  hold,
  loggedOnPortal,
  logOn,
  popupOf,
  portal,
  renewInWindow,
} from './ib-renewal-support';

/**
 * The customer's side in Chromium (seed steps ①–⑩): the IB portal on the mutual-TLS listener.
 * Certificates are the PKCS#12 files the portal itself builds and downloads; Playwright presents
 * them as client certificates, and a Node TLS client checks them without the browser.
 */

const STAFF_URL = `http://127.0.0.1:${process.env['E2E_PORT'] ?? '3100'}`;
const IB_ORIGIN = `https://localhost:${IB_PORT}`;

test('電子証明書取得: an expired user acquires through the portal, downloads the PKCS#12 and logs on with it', async ({
  browser,
}, testInfo) => {
  const staff = await staffApi(STAFF_URL, 'manager-1002');
  const expired = (await usersIn(staff, 'expired')).at(-1);
  await staff.dispose();
  if (!expired) throw new Error('the demo data has no expired user at 1002');
  const user = { loginId: expired.ibUser.loginId, creditUnionCode: '1002' };
  const passphrase = 'e2e-Acquire-2026';

  const context = await portal(browser, IB_ORIGIN);
  const page = await context.newPage();
  const errors = collectErrors(page);
  await logOn(page, IB_ORIGIN);
  // No certificate in this browser: the refusal says so and leads to 電子証明書取得.
  await expect(page.getByTestId('logon-refusal')).toBeVisible();
  await screen(page, 'a-01-logon-without-certificate');
  await page.getByTestId('go-acquisition').click();
  const pfxPath = await acquireInPortal(
    page,
    user,
    passphrase,
    (n) => screen(page, `a-02-acquisition-${n}`),
    testInfo.outputPath('acquired.p12'),
  );
  await expect(page.getByTestId('certificate-subject')).toContainText(
    user.loginId,
  );
  expect(errors).toEqual([]);
  await context.close();

  // ⑩ The downloaded file logs on: in the browser (重要なお知らせ, nothing to renew yet) …
  const { context: withCertificate, page: loggedOn } = await loggedOnPortal(
    browser,
    IB_ORIGIN,
    {
      pfxPath,
      passphrase,
    },
  );
  await expect(loggedOn).toHaveURL(`${IB_ORIGIN}/notices`);
  await expect(loggedOn.getByTestId('logon-header')).toContainText(
    user.loginId,
  );
  await expect(loggedOn.getByTestId('no-notices')).toBeVisible();
  await screen(loggedOn, 'a-03-logon-with-acquired-certificate');
  await withCertificate.close();

  // … and in a Node TLS client.
  const me = await ibGet(IB_PORT, '/ib/me', { pfxPath, passphrase }, null);
  expect(me.status).toBe(200);
  expect(me.body.ibUser?.loginId).toBe(user.loginId);
  expect(me.body.status).toBe('valid');
});

test("電子証明書取得 past the limit: refused with the seed's instruction to contact the credit union", async ({
  browser,
}) => {
  const staff = await staffApi(STAFF_URL, 'manager-1002');
  const pastLimit = (await usersIn(staff, 'reissue_required')).at(-1);
  await staff.dispose();
  if (!pastLimit)
    throw new Error('the demo data has no past-limit user at 1002');

  const context = await portal(browser, IB_ORIGIN);
  const page = await context.newPage();
  await page.goto(`${IB_ORIGIN}/acquisition`);
  await expect(
    page.getByRole('heading', { level: 1, name: '電子証明書取得' }),
  ).toBeVisible();
  await page
    .getByLabel('ログインID（契約者ID または 利用者ID）')
    .fill(pastLimit.ibUser.loginId);
  await page.getByLabel('暗証番号', { exact: true }).fill('1234');
  await page.getByLabel('確認暗証番号', { exact: true }).fill('5678');
  await page.getByLabel('金庫コード（任意）').fill('1002');
  await page
    .getByLabel('電子証明書ファイルのパスワード', { exact: true })
    .fill('e2e-Refused-2026');
  await page
    .getByLabel('電子証明書ファイルのパスワード（確認）')
    .fill('e2e-Refused-2026');
  await page.getByRole('button', { name: '電子証明書を取得する' }).click();
  const refusal = page.getByTestId('acquisition-error');
  await expect(refusal).toContainText('日を超過したため（取得できるのは', {
    timeout: 30_000,
  });
  // The seed's contact sentence once (the server's reason ends with it; the portal adds none).
  expect((await refusal.innerText()).split(SEED_CONTACT_WORDING)).toHaveLength(
    2,
  );
  await expect(page.getByTestId('contact-credit-union')).toHaveCount(0);
  await screen(page, 'c-01-acquisition-past-limit');
  await context.close();
});

test('更新 (seed ①–⑩): renew in the browser; the old certificate still logs on and is reminded, renews again before using the new one; the newest logs on (⑩) and the old one is refused — until it expires', async ({
  browser,
}, testInfo) => {
  test.setTimeout(240_000);
  // The business clock is fixed per process: acquire on 2026-12-01, then start the same database
  // again inside the renewal window of the certificate just acquired.
  const dataDir = mkdtempSync(join(tmpdir(), 'certdesk-e2e-renewal-'));
  const api = new ApiInstance(
    dataDir,
    Number(process.env['E2E_RENEWAL_PORT'] ?? '3102'),
    Number(process.env['E2E_RENEWAL_IB_TLS_PORT'] ?? '3544'),
  );
  const shot = (page: Page, name: string) => screen(page, `b-${name}`);
  try {
    await api.start('2026-12-01T09:00:00+09:00');
    const staff = await staffApi(api.staffURL, 'manager-1001');
    const expired = (await usersIn(staff, 'expired')).at(-1);
    await staff.dispose();
    if (!expired) throw new Error('the demo data has no expired user at 1001');
    const user = { loginId: expired.ibUser.loginId, creditUnionCode: '1001' };

    const oldCert = {
      pfxPath: testInfo.outputPath('current.p12'),
      passphrase: 'e2e-Current-2026',
    };
    const acquiring = await portal(browser, api.ibOrigin);
    const acquirePage = await acquiring.newPage();
    await acquirePage.goto(`${api.ibOrigin}/acquisition`);
    await acquireInPortal(
      acquirePage,
      user,
      oldCert.passphrase,
      (n) => shot(acquirePage, `00-acquisition-${n}`),
      oldCert.pfxPath,
    );
    await acquiring.close();
    const before = await api.ibMe(oldCert);
    expect(before.status).toBe(200);
    const expiryDate = before.body.certificate?.expiryDate ?? '';
    expect(expiryDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // 11 days before that expiry (inside the 30-day window).
    await api.stop();
    await api.start(`${addDays(expiryDate, -11)}T09:00:00+09:00`);

    const context = await portal(browser, api.ibOrigin, oldCert);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await logOn(page, api.ibOrigin);

    // ① 重要なお知らせ
    await expect(page).toHaveURL(`${api.ibOrigin}/notices`);
    await expect(page.getByTestId('logon-header')).toContainText(user.loginId);
    const notice = page.getByRole('link', {
      name: '電子証明書の更新をお願いします',
    });
    await expect(notice).toBeVisible();
    await shot(page, '01-important-notices');

    // ② お知らせ本文
    await notice.click();
    await expect(page.getByTestId('notice-title')).toHaveText(
      '電子証明書の更新をお願いします',
    );
    await shot(page, '02-notice-body');

    // ③ 「電子証明書の更新はこちら」 → a separate window: 電子証明書更新前処理中
    const preparing = await hold(context, '**/ib/renewals');
    const popupOpened = page.waitForEvent('popup');
    await page
      .getByTestId('notice-body')
      .getByRole('link', { name: '電子証明書の更新はこちら' })
      .click();
    const popup = await popupOpened;
    const popupErrors = collectErrors(popup);
    await expect(
      popup.getByRole('heading', { name: '電子証明書更新前処理中' }),
    ).toBeVisible();
    await shot(popup, '03-renewal-preparing');
    preparing.release();
    await preparing.done;

    // ④ 更新 (this credit union does not use media storage)
    const update = popup.getByRole('button', { name: '更新', exact: true });
    await expect(update).toBeVisible();
    await shot(popup, '04-renewal-update-button');
    await update.click();

    // ⑤ Webアクセスの確認: the file's passphrase, then はい
    const firstNew = {
      pfxPath: testInfo.outputPath('renewed.p12'),
      passphrase: 'e2e-Renewed-2027',
    };
    await expect(
      popup.getByRole('heading', { name: 'Webアクセスの確認' }),
    ).toBeVisible();
    await popup
      .getByLabel('電子証明書ファイルのパスワード', { exact: true })
      .fill(firstNew.passphrase);
    await popup
      .getByLabel('電子証明書ファイルのパスワード（確認）')
      .fill(firstNew.passphrase);
    await shot(popup, '05-confirm');
    const issuing = await hold(context, '**/ib/renewals/*/csr');
    await popup.getByRole('button', { name: 'はい' }).click();

    // ⑥ the key is made in the browser, then 電子証明書発行処理中
    await expect(
      popup.getByRole('heading', { name: '電子証明書発行処理中' }),
    ).toBeVisible({ timeout: 30_000 });
    await shot(popup, '06-issuing');
    issuing.release();
    await issuing.done;

    // ⑦ install (はい) → the PKCS#12 download
    await expect(
      popup.getByRole('heading', { name: '電子証明書のインストール' }),
    ).toBeVisible();
    await shot(popup, '07-install');
    const download = popup.waitForEvent('download');
    await popup.getByRole('button', { name: 'はい' }).click();
    await (await download).saveAs(firstNew.pfxPath);

    // ⑧ インストール完了 and the new certificate's contents
    await expect(
      popup.getByRole('heading', {
        name: '電子証明書のインストールが完了しました',
      }),
    ).toBeVisible();
    await expect(popup.getByTestId('certificate-subject')).toContainText(
      user.loginId,
    );
    await shot(popup, '08-installed-contents');

    // ⑨ このウィンドウを閉じる
    const closed = popup.waitForEvent('close');
    await popup.getByRole('button', { name: 'このウィンドウを閉じる' }).click();
    await closed;
    expect(errors).toEqual([]);
    expect(popupErrors).toEqual([]);
    await context.close();

    // The old certificate still logs on until the new one has (a renewal never strands the customer).
    const stillOld = await api.ibMe(oldCert);
    expect(stillOld.status).toBe(200);
    expect(stillOld.body).toMatchObject({ newest: false });

    // In the browser, the old certificate is reminded of the new one and how to import it.
    const { context: onOld, page: oldPage } = await loggedOnPortal(
      browser,
      api.ibOrigin,
      oldCert,
    );
    await expect(oldPage).toHaveURL(`${api.ibOrigin}/notices`);
    const reminder = oldPage.getByTestId('old-certificate-reminder');
    await expect(reminder).toContainText('新しい電子証明書が発行されています');
    await expect(reminder).toContainText('に新しい電子証明書（有効期限日');
    await shot(oldPage, '10-old-certificate-reminder');

    // The first new file is "lost": renew again with the old certificate before using the new one.
    const newCert = {
      pfxPath: testInfo.outputPath('renewed-again.p12'),
      passphrase: 'e2e-Renewed-Again-2027',
    };
    const again = await popupOf(oldPage, () =>
      oldPage.getByTestId('renew-again').click(),
    );
    await renewInWindow(again, newCert.pfxPath, newCert.passphrase);
    await onOld.close();
    const lost = await api.ibMe(firstNew);
    expect(lost.status).toBe(403);
    expect(lost.body.code).toBe('superseded'); // the unused first new certificate

    // ⑩ 電子証明書方式で: the newest certificate logs on in the browser and is congratulated.
    const { context: next, page: nextPage } = await loggedOnPortal(
      browser,
      api.ibOrigin,
      newCert,
    );
    await expect(nextPage).toHaveURL(`${api.ibOrigin}/notices`);
    await expect(nextPage.getByTestId('renewal-confirmed')).toContainText(
      '新しい電子証明書でログオンできました。電子証明書の更新は完了です。',
    );
    await expect(nextPage.getByTestId('no-notices')).toBeVisible();
    await shot(nextPage, '11-renewal-confirmed');
    await next.close();
    const renewed = await api.ibMe(newCert);
    expect(renewed.status).toBe(200);
    expect(renewed.body.ibUser?.loginId).toBe(user.loginId);
    expect(renewed.body).toMatchObject({ status: 'valid', newest: true });
    expect(renewed.body.certificate?.serialHex).not.toBe(
      before.body.certificate?.serialHex,
    );

    // Now the old certificate is refused as superseded.
    const old = await api.ibMe(oldCert);
    expect(old.status).toBe(403);
    expect(old.body.code).toBe('superseded');
    const { context: stale, page: stalePage } = await loggedOnPortal(
      browser,
      api.ibOrigin,
      oldCert,
    );
    await expect(stalePage.getByTestId('logon-refusal')).toContainText(
      'この電子証明書は更新済みのため使用できません',
    );
    await shot(stalePage, '12-logon-with-old-certificate-refused');
    await stale.close();

    // Later, with the new certificate: the day after its expiry the portal leads to 電子証明書取得;
    // from day 91 it gives the seed's instruction to contact the credit union instead.
    const renewedExpiry = renewed.body.certificate?.expiryDate ?? '';
    for (const [days, name] of [
      [1, '13-logon-expired'],
      [91, '14-logon-past-limit'],
    ] as const) {
      await api.stop();
      await api.start(`${addDays(renewedExpiry, days)}T09:00:00+09:00`);
      const { context: later, page: laterPage } = await loggedOnPortal(
        browser,
        api.ibOrigin,
        newCert,
      );
      const refusal = laterPage.getByTestId('logon-refusal');
      await expect(refusal).toContainText(
        days === 1
          ? 'を過ぎたため、ログオンできません'
          : '日を超過したため（取得できるのは',
      );
      await expect(laterPage.getByTestId('go-acquisition')).toHaveCount(
        days === 1 ? 1 : 0,
      );
      // The seed's contact sentence once: the server's reason already ends with it.
      expect(
        (await refusal.innerText()).split(SEED_CONTACT_WORDING).length - 1,
      ).toBe(days === 1 ? 0 : 1);
      await shot(laterPage, name);
      await later.close();
    }
    const pastLimit = await api.ibMe(newCert);
    expect(pastLimit.status).toBe(403);
    expect(pastLimit.body.code).toBe('reissue_required');
  } finally {
    await api.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
