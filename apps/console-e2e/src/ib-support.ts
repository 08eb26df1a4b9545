import {
  expect,
  request as playwrightRequest,
  type APIRequestContext,
  type Page,
} from '@playwright/test';
import type {
  CertificateSearchItem,
  CertificateSearchPage,
  IbMe,
  LifecycleStatusName,
} from '@certdesk/contracts';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { dirname, join, resolve } from 'node:path';
import { collectErrorsExcept, DEMO_PASSWORD } from './support';
import { expectAccessible } from './a11y';
import { tabTo } from './ib-renewal-support';

/** The IB channel of the e2e server (tools/e2e-server.mjs): mutual TLS, serves the IB portal. */
export const IB_PORT = Number(process.env['E2E_IB_TLS_PORT'] ?? '3543');
export const DEMO_PIN = '1234';
export const DEMO_CONFIRMATION_PIN = '5678';
export const WORKSPACE = resolve(__dirname, '../../..');

/** The seed page's instruction once acquisition is no longer possible (shown by the portal). */
export const SEED_CONTACT_WORDING =
  '当金庫にて再発行処理が必要となりますので、当金庫までご連絡ください';

/**
 * Every step's screenshot goes to dist/test-results/ib-portal-screens/; every screen photographed
 * is also checked by axe-core (0 serious or critical WCAG 2.x AA violations, JIS X 8341-3).
 */
export async function screen(page: Page, name: string): Promise<void> {
  const path = join(
    WORKSPACE,
    'dist/test-results/ib-portal-screens',
    `${name}.png`,
  );
  mkdirSync(dirname(path), { recursive: true });
  await page.screenshot({ path, fullPage: true });
  await expectAccessible(page, name);
}

/**
 * Console and page errors of a portal page. A refused certificate log-on is the API answering
 * `GET /ib/me` with 401/403 (the browser logs the status), not a fault, so it is not collected.
 */
export function collectPortalErrors(page: Page): string[] {
  return collectErrorsExcept(page, '/ib/me');
}

/** A staff API session (`<role>-<code>`) on the console listener, for finding demo users. */
export async function staffApi(
  baseURL: string,
  username: string,
): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL });
  await api.get('/api/health');
  const xsrf =
    (await api.storageState()).cookies.find((c) => c.name === 'XSRF-TOKEN')
      ?.value ?? '';
  const login = await api.post('/api/auth/login', {
    data: { username, password: DEMO_PASSWORD },
    headers: { 'x-xsrf-token': xsrf, origin: baseURL },
  });
  expect(login.status(), await login.text()).toBeLessThan(300);
  return api;
}

/** IB users of the staff member's credit union in `status`, soonest expiry first. */
export async function usersIn(
  api: APIRequestContext,
  status: LifecycleStatusName,
): Promise<CertificateSearchItem[]> {
  const res = await api.get('/api/certificates', {
    params: { status, sort: 'expiry', limit: 200 },
  });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as CertificateSearchPage).items;
}

/** 電子証明書取得 through the portal's form, by keyboard alone; returns where the downloaded PKCS#12 was saved. */
export async function acquireInPortal(
  page: Page,
  user: { loginId: string; creditUnionCode: string },
  passphrase: string,
  shot: (name: string) => Promise<void>,
  savedAs: string,
): Promise<string> {
  await expect(
    page.getByRole('heading', { level: 1, name: '電子証明書取得' }),
  ).toBeVisible();
  // By keyboard alone: every field reached with Tab, typed into, and the form sent with Enter.
  for (const [field, value] of [
    [page.getByLabel('ログインID（契約者ID または 利用者ID）'), user.loginId],
    [page.getByLabel('暗証番号', { exact: true }), DEMO_PIN],
    [page.getByLabel('確認暗証番号', { exact: true }), DEMO_CONFIRMATION_PIN],
    [page.getByLabel('金庫コード（任意）'), user.creditUnionCode],
    [
      page.getByLabel('電子証明書ファイルのパスワード', { exact: true }),
      passphrase,
    ],
    [page.getByLabel('電子証明書ファイルのパスワード（確認）'), passphrase],
  ] as const) {
    await tabTo(page, field);
    await page.keyboard.type(value);
  }
  await shot('form');
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('heading', { name: '電子証明書のインストール' }),
  ).toBeVisible({ timeout: 30_000 });
  await shot('install');
  const download = page.waitForEvent('download');
  await tabTo(page, page.getByRole('button', { name: 'はい' }));
  await page.keyboard.press('Enter');
  const file = await download;
  expect(file.suggestedFilename()).toMatch(
    /^ib-certificate-\d{8}-[0-9a-f]{8}\.p12$/,
  );
  await file.saveAs(savedAs);
  await expect(
    page.getByRole('heading', {
      name: '電子証明書のインストールが完了しました',
    }),
  ).toBeVisible();
  await shot('installed');
  return savedAs;
}

export interface IbAnswer {
  status: number;
  body: { code?: string; message?: string } & Partial<IbMe>;
}

/** A customer's TLS client (node:https) presenting the PKCS#12 — not the browser. */
export function ibGet(
  port: number,
  path: string,
  identity: { pfxPath: string; passphrase: string } | null,
  /** The listener's self-signed certificate to trust; null only skips that check. */
  serverCertificatePath: string | null,
): Promise<IbAnswer> {
  return new Promise((resolvePromise, reject) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        servername: 'localhost',
        port,
        path,
        method: 'GET',
        agent: false,
        ...(serverCertificatePath
          ? { ca: readFileSync(serverCertificatePath) }
          : { rejectUnauthorized: false }),
        ...(identity
          ? {
              pfx: readFileSync(identity.pfxPath),
              passphrase: identity.passphrase,
            }
          : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolvePromise({
            status: res.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/**
 * A separate API instance (the built dist/apps/api) on its own ports and database, for a journey
 * that needs the business clock to move: start it at one date, stop it, start it again later.
 */
export class ApiInstance {
  private child: ChildProcess | null = null;

  constructor(
    readonly dataDir: string,
    readonly port: number,
    readonly ibPort: number,
  ) {}

  get staffURL(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get ibOrigin(): string {
    return `https://localhost:${this.ibPort}`;
  }

  get serverCertificatePath(): string {
    return join(this.dataDir, 'ib-tls', 'server.crt');
  }

  /** `GET /ib/me` presenting `identity`'s certificate, trusting this instance's listener. */
  ibMe(identity: { pfxPath: string; passphrase: string }): Promise<IbAnswer> {
    return ibGet(this.ibPort, '/ib/me', identity, this.serverCertificatePath);
  }

  async start(now: string): Promise<void> {
    const child = spawn(process.execPath, ['dist/apps/api/main.js'], {
      cwd: WORKSPACE,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        PORT: String(this.port),
        IB_TLS_PORT: String(this.ibPort),
        IB_PORTAL_DIR: join(WORKSPACE, 'dist/apps/ib-portal/browser'),
        DATA_DIR: this.dataDir,
        DATABASE_URL: '',
        DEMO_DATA: 'on',
        CERTDESK_NOW: now,
        SMTP_PORT: '0',
        NOTICE_WORKER: 'off',
        LOG_FORMAT: 'text',
      },
    });
    this.child = child;
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`API instance exited with ${child.exitCode}`);
      try {
        const res = await fetch(`${this.staffURL}/api/health`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline)
        throw new Error('API instance did not start in 60 s');
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  }
}
