import type { App } from 'supertest/types';
import request, { Response } from 'supertest';
import { STAFF_ROLES, StaffRole } from '@certdesk/domain';
import { CreditUnion } from '../app/credit-unions/credit-union.entity';
import { SeedService } from '../app/seed/seed.service';
import { StaffUser } from '../app/staff/staff-user.entity';
import { StartOptions, startTestApp, TestApp } from './test-app';
import type { TestDatabase } from './test-database';

/** Password of the seeded demo staff `<role>-<code>` in tests. */
export const DEMO_PASSWORD = 'Tsubame-kaeru-7-hashi';

export interface SeededTenants {
  a: CreditUnion;
  b: CreditUnion;
  /** `<role>-<code>` of every role in both credit unions. */
  username(role: StaffRole, cu: CreditUnion): string;
  /** A browser signed in as `role` of credit union `cu` (default a): the same one on every call. */
  as(role: StaffRole, cu?: 'a' | 'b'): Promise<StaffBrowser>;
}

/**
 * The seed's generated credit unions (codes from 1001) on the test clock, with demo staff of every
 * role signing in with {@link DEMO_PASSWORD} (none when `password` is null).
 */
export async function seedCreditUnions(
  t: TestApp,
  options: {
    seed: number;
    creditUnions: number;
    customersPerCreditUnion: number;
  },
  password: string | null = DEMO_PASSWORD,
): Promise<void> {
  await t.app.get(SeedService).seed(
    {
      ...options,
      firstCode: 1001,
      today: t.clock.today(),
      now: t.clock.now(),
    },
    password,
  );
}

/** Two credit unions (1001, 1002), one customer each, demo staff of every role with {@link DEMO_PASSWORD}. */
export async function seedTwoCreditUnions(t: TestApp): Promise<SeededTenants> {
  await seedCreditUnions(t, {
    seed: 1,
    creditUnions: 2,
    customersPerCreditUnion: 1,
  });
  const repo = t.dataSource.getRepository(CreditUnion);
  const browsers = new Map<string, Promise<StaffBrowser>>();
  const seeded: SeededTenants = {
    a: await repo.findOneByOrFail({ code: '1001' }),
    b: await repo.findOneByOrFail({ code: '1002' }),
    username: (role, cu) => `${role}-${cu.code}`,
    as: (role, cu = 'a') => {
      const username = seeded.username(role, seeded[cu]);
      let browser = browsers.get(username);
      if (!browser) {
        browser = StaffBrowser.signedIn(t, username);
        browsers.set(username, browser);
      }
      return browser;
    },
  };
  return seeded;
}

/**
 * {@link startTestApp} with {@link seedTwoCreditUnions}: `t.close()` stops the app and removes
 * the database (at once when seeding fails).
 */
export async function startSeededApp(
  db: TestDatabase,
  options: StartOptions = {},
): Promise<{ t: TestApp; seeded: SeededTenants }> {
  const t = await startTestApp(db, options);
  try {
    return { t, seeded: await seedTwoCreditUnions(t) };
  } catch (error) {
    await t.close();
    throw error;
  }
}

export function staffByUsername(
  t: TestApp,
  username: string,
): Promise<StaffUser> {
  return t.dataSource.getRepository(StaffUser).findOneByOrFail({ username });
}

export const ROLES = STAFF_ROLES;

let nextAddress = 1;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * A browser against the test app: keeps cookies like one (Set-Cookie in, Cookie out, cleared
 * cookies dropped), and sends the XSRF header from the cookie as the console's HttpClient does.
 * Each browser has its own client address (X-Forwarded-For from loopback is trusted).
 */
export class StaffBrowser {
  readonly cookies = new Map<string, string>();

  constructor(
    private readonly server: App,
    readonly ip = `10.0.${Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 1}`,
  ) {}

  static of(t: TestApp, ip?: string): StaffBrowser {
    return new StaffBrowser(t.app.getHttpServer() as App, ip);
  }

  /** A new browser signed in as `username` (throws when the sign-in is not answered 200). */
  static async signedIn(
    t: TestApp,
    username: string,
    password = DEMO_PASSWORD,
  ): Promise<StaffBrowser> {
    const browser = StaffBrowser.of(t);
    const res = await browser.login(username, password);
    if (res.status !== 200)
      throw new Error(
        `sign-in of ${username}: ${res.status} ${JSON.stringify(res.body)}`,
      );
    return browser;
  }

  get(path: string): Promise<Response> {
    return this.send('get', path);
  }
  post(path: string, body?: object): Promise<Response> {
    return this.send('post', path, body);
  }
  patch(path: string, body?: object): Promise<Response> {
    return this.send('patch', path, body);
  }

  /** Signs in (fetching the XSRF cookie first when there is none yet). */
  login(username: string, password = DEMO_PASSWORD): Promise<Response> {
    return this.post('/api/auth/login', { username, password });
  }

  async send(
    method: Method,
    path: string,
    body?: object,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    if (method !== 'get' && !this.cookies.has('XSRF-TOKEN'))
      await this.send('get', '/api/auth/me');
    let req = request(this.server)
      [method](path)
      .set('X-Forwarded-For', this.ip);
    if (this.cookies.size > 0)
      req = req.set(
        'Cookie',
        [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      );
    const xsrf = this.cookies.get('XSRF-TOKEN');
    if (method !== 'get' && xsrf) req = req.set('X-XSRF-TOKEN', xsrf);
    for (const [name, value] of Object.entries(headers))
      req = req.set(name, value);
    const res = await (body === undefined ? req : req.send(body));
    this.store(res);
    return res;
  }

  private store(res: Response): void {
    const header = res.headers['set-cookie'] as string[] | string | undefined;
    for (const line of Array.isArray(header)
      ? header
      : header
        ? [header]
        : []) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = decodeURIComponent(pair.slice(eq + 1).trim());
      const expired = attributes.some(
        (a) =>
          /^\s*expires=thu, 01 jan 1970/i.test(a) || /^\s*max-age=0\b/i.test(a),
      );
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

/** The Set-Cookie line for `name`, if the response sets it. */
export function setCookieLine(res: Response, name: string): string | undefined {
  const header = res.headers['set-cookie'] as string[] | string | undefined;
  const lines = Array.isArray(header) ? header : header ? [header] : [];
  return lines.find((line) => line.startsWith(`${name}=`));
}
