import {
  expect,
  request as playwrightRequest,
  test,
  type APIRequestContext,
  type Page,
} from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CertificateSearchPage } from '@certdesk/contracts';
import { DEMO_PASSWORD, submitLogin } from './support';

/**
 * Staff second factor in Chromium with a virtual authenticator (DevTools protocol
 * `WebAuthn.addVirtualAuthenticator`). Passkeys need a host name (not 127.0.0.1) and step-up
 * needs time to pass, so this spec starts its own API on a real clock with the policy on
 * (STAFF_SECOND_FACTOR=managers) and a step-up window of a few seconds (STEP_UP_MAX_AGE_SECONDS).
 */
const PORT = Number(process.env['E2E_SECOND_FACTOR_PORT'] ?? 3180);
const ORIGIN = `http://localhost:${PORT}`;
const STEP_UP_SECONDS = 6;
const root = resolve(__dirname, '../../..');

test.describe.configure({ mode: 'serial', timeout: 120_000 });
test.use({ baseURL: ORIGIN, viewport: { width: 1280, height: 1200 } });

let server: ChildProcess | undefined;
let dataDir: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dataDir = mkdtempSync(join(tmpdir(), 'certdesk-e2e-2fa-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(PORT),
    IB_TLS_PORT: 'off',
    IB_PORTAL_DIR: '',
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    DEMO_DATA: 'on',
    NOTICE_WORKER: 'off',
    LOG_FORMAT: 'text',
    LOG_LEVEL: 'warn',
    SMTP_PORT: '0',
    STAFF_SECOND_FACTOR: 'managers',
    STEP_UP_MAX_AGE_SECONDS: String(STEP_UP_SECONDS),
    WEBAUTHN_RP_ID: 'localhost',
    WEBAUTHN_ORIGIN: ORIGIN,
  };
  delete env['CERTDESK_NOW'];
  server = spawn(process.execPath, ['dist/apps/api/main.js'], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  await expect
    .poll(
      async () => {
        const res = await fetch(`${ORIGIN}/api/health`).catch(() => null);
        return res?.status ?? 0;
      },
      { timeout: 150_000, intervals: [500] },
    )
    .toBe(200);
});

test.afterAll(async () => {
  server?.kill('SIGTERM');
  await new Promise((done) => setTimeout(done, 500));
  rmSync(dataDir, { recursive: true, force: true });
});

/** Signs a member of staff in through the API (the XSRF cookie first, as the console does). */
async function staffApi(username: string): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL: ORIGIN });
  await api.get('/api/auth/me');
  const xsrf = (await api.storageState()).cookies.find(
    (c) => c.name === 'XSRF-TOKEN',
  )?.value;
  const res = await api.post('/api/auth/login', {
    data: { username, password: DEMO_PASSWORD },
    headers: { 'X-XSRF-TOKEN': xsrf ?? '' },
  });
  expect(res.status()).toBe(200);
  return api;
}

/** 営業店 (no second factor needed under `managers`) asks for a reissue of a past-limit user. */
async function reissueRequested(): Promise<string> {
  const api = await staffApi('branch_staff-1001');
  const xsrf = (await api.storageState()).cookies.find(
    (c) => c.name === 'XSRF-TOKEN',
  )?.value;
  const page = (await (
    await api.get('/api/certificates', {
      params: { status: 'reissue_required', limit: '5' },
    })
  ).json()) as CertificateSearchPage;
  const user = page.items[0];
  if (!user) throw new Error('the demo data has no past-limit user');
  const today = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Tokyo',
  }).format(new Date());
  const res = await api.post('/api/reissues', {
    data: {
      ibUserId: user.ibUser.id,
      reason: 'past_limit',
      identityCheck: '届出印の照合（電子証明書再発行依頼書）',
      formReceivedOn: today,
    },
    headers: { 'X-XSRF-TOKEN': xsrf ?? '' },
  });
  expect(res.status()).toBe(201);
  await api.dispose();
  return user.ibUser.loginId;
}

/** A virtual platform authenticator with user verification, answering by itself. */
async function virtualAuthenticator(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
}

/** RFC 6238 code of `secret` (base32) for the 30 s step `offset` steps from now. */
function totp(secret: string, offset = 0): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of secret.replace(/=+$/, ''))
    bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  const key = Buffer.from(
    (bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)),
  );
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000) + offset));
  const mac = createHmac('sha1', key).update(counter).digest();
  const at = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(at) & 0x7fffffff) % 1_000_000).padStart(
    6,
    '0',
  );
}

test('a manager without a second factor is sent to enrolment, registers a passkey, signs in with it and approves a reissue after a step-up', async ({
  page,
}) => {
  const loginId = await reissueRequested();
  await virtualAuthenticator(page);

  await page.goto('/');
  await submitLogin(page, 'manager-1001');
  await expect(page).toHaveURL(/\/security$/);
  await expect(page.getByTestId('enrolment-required')).toBeVisible();
  await page.goto('/reissues');
  await expect(page).toHaveURL(/\/security$/); // nothing else until enrolled

  await page.getByTestId('passkey-name').fill('窓口PC');
  await page.getByTestId('register-passkey').click();
  const codes = page.getByTestId('recovery-codes');
  await expect(codes.getByRole('listitem')).toHaveCount(10);
  await expect(page.getByTestId('passkey-list')).toContainText('窓口PC');
  await page.getByTestId('codes-noted').click();
  await expect(page).toHaveURL(/\/dashboard$/);

  await page.getByRole('button', { name: 'ログアウト' }).click();
  await expect(page).toHaveURL(/\/login\?reason=logout$/);
  await submitLogin(page, 'manager-1001');
  await expect(page).toHaveURL(/\/verify$/);
  await page.getByTestId('verify-passkey').click();
  await expect(page).toHaveURL(/\/dashboard$/);

  // Older than the step-up window: the approval asks for 本人確認 first, then goes through.
  await page.waitForTimeout((STEP_UP_SECONDS + 1) * 1000);
  await page.goto('/reissues');
  const row = page.locator('tr.cd-row', { hasText: loginId });
  await row.getByRole('button', { name: '承認' }).click();
  const decide = page.getByRole('dialog', { name: '再発行を承認' });
  await decide.getByLabel('コメント').fill('依頼書・届出印を確認');
  await decide.getByRole('button', { name: '承認する' }).click();
  const stepUp = page.getByRole('dialog', { name: '本人確認' });
  await expect(stepUp).toBeVisible();
  await stepUp.getByTestId('step-up-passkey').click();
  await expect(stepUp).toBeHidden();
  await expect(page.locator('mat-snack-bar-container')).toContainText(
    '再発行を承認しました',
  );
  await expect(row).toHaveCount(0);

  // Where the browser offers it, the passkey alone signs in (user verification on the device).
  await page.getByRole('button', { name: 'ログアウト' }).click();
  await expect(page).toHaveURL(/\/login\?reason=logout$/);
  await page.getByTestId('passkey-login').click();
  await expect(page).toHaveURL(/\/dashboard$/);
});

test('a replayed one-time code is refused', async ({ page }) => {
  await page.goto('/');
  await submitLogin(page, 'manager-1002');
  await expect(page).toHaveURL(/\/security$/);
  await page.getByTestId('start-totp').click();
  await expect(page.getByTestId('totp-qr')).toBeVisible();
  const secret = (await page.getByTestId('totp-secret').textContent())?.trim();
  if (!secret) throw new Error('no secret shown');
  const code = totp(secret);
  await page.getByTestId('totp-code').fill(code);
  await page.getByTestId('confirm-totp').click();
  await expect(
    page.getByTestId('recovery-codes').getByRole('listitem'),
  ).toHaveCount(10);
  await page.getByTestId('codes-noted').click();
  await expect(page).toHaveURL(/\/dashboard$/);

  await page.getByRole('button', { name: 'ログアウト' }).click();
  await submitLogin(page, 'manager-1002');
  await expect(page).toHaveURL(/\/verify$/);
  await page.getByTestId('verify-code').fill(code);
  await page.getByRole('button', { name: 'コードで確認' }).click();
  await expect(page.getByTestId('verify-error')).toContainText(
    '確認できませんでした',
  );
  await expect(page).toHaveURL(/\/verify$/);
  // The next step's code is accepted (one step either side is allowed).
  await page.getByTestId('verify-code').fill(totp(secret, 1));
  await page.getByRole('button', { name: 'コードで確認' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
});
