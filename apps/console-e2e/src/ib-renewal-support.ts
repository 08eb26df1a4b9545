import {
  expect,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
  type Route,
} from '@playwright/test';

/**
 * Steps ④–⑨ in the renewal window (a popup the portal opened), by keyboard: 「更新」, the file's passphrase and
 * はい, the key made in the browser, install (はい) → the PKCS#12 download saved at `pfxPath`, the
 * contents and the import guide, then このウィンドウを閉じる.
 */
export async function renewInWindow(
  popup: Page,
  pfxPath: string,
  passphrase: string,
): Promise<void> {
  // By keyboard alone: each control is reached with Tab and used with Enter (no mouse).
  const update = popup.getByRole('button', { name: '更新', exact: true });
  await expect(update).toBeVisible();
  await tabTo(popup, update);
  await popup.keyboard.press('Enter');
  const first = popup.getByLabel('電子証明書ファイルのパスワード', {
    exact: true,
  });
  await tabTo(popup, first);
  await popup.keyboard.type(passphrase);
  await popup.keyboard.press('Tab');
  await expect(
    popup.getByLabel('電子証明書ファイルのパスワード（確認）'),
  ).toBeFocused();
  await popup.keyboard.type(passphrase);
  await popup.keyboard.press('Enter'); // submits the form: はい
  const yes = popup.getByRole('button', { name: 'はい' });
  await expect(
    popup.getByRole('heading', { name: '電子証明書のインストール' }),
  ).toBeVisible({ timeout: 30_000 });
  const download = popup.waitForEvent('download');
  await tabTo(popup, yes);
  await popup.keyboard.press('Enter');
  await (await download).saveAs(pfxPath);
  await expect(
    popup.getByRole('heading', {
      name: '電子証明書のインストールが完了しました',
    }),
  ).toBeVisible();
  await expect(popup.getByTestId('logon-check')).toBeVisible();
  const closed = popup.waitForEvent('close');
  await tabTo(
    popup,
    popup.getByRole('button', { name: 'このウィンドウを閉じる' }),
  );
  // The window closes while the key is still being pressed: only the close event is awaited.
  const pressed = popup.keyboard.press('Enter').catch(() => undefined);
  await closed;
  await pressed;
}

/** Presses Tab until `target` has the focus (at most 40 times): it is reachable by keyboard. */
export async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

/** The popup a click on `trigger` opens (the renewal screens' own window, seed ③). */
export async function popupOf(
  page: Page,
  trigger: () => Promise<void>,
): Promise<Page> {
  const opened = page.waitForEvent('popup');
  await trigger();
  return opened;
}

/** Portal pages see no client certificate (acquisition needs none) unless one is given. */
export async function portal(
  browser: Browser,
  origin: string,
  identity?: { pfxPath: string; passphrase: string },
): Promise<BrowserContext> {
  return browser.newContext({
    ignoreHTTPSErrors: true, // the listener's certificate is self-signed for localhost
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    ...(identity ? { clientCertificates: [{ origin, ...identity }] } : {}),
  });
}

export async function logOn(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/`);
  await expect(
    page.getByRole('heading', { level: 1, name: 'ログオン' }),
  ).toBeVisible();
  await page.getByRole('button', { name: '電子証明書方式でログオン' }).click();
}

/** A new browser context with `identity`'s certificate, on a page that has pressed 電子証明書方式でログオン. */
export async function loggedOnPortal(
  browser: Browser,
  origin: string,
  identity: { pfxPath: string; passphrase: string },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await portal(browser, origin, identity);
  const page = await context.newPage();
  await logOn(page, origin);
  return { context, page };
}

/** Holds a request until `release()`, so that a "処理中" screen can be photographed. */
export async function hold(
  context: BrowserContext,
  url: string | RegExp,
): Promise<{ release: () => void; done: Promise<void> }> {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let finished!: () => void;
  const done = new Promise<void>((r) => (finished = r));
  await context.route(url, async (route: Route) => {
    if (route.request().method() !== 'POST') return route.continue();
    await gate;
    await route.continue();
    finished();
  });
  return { release, done };
}
