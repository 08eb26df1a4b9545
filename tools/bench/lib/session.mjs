// A signed-in staff session over fetch (part of environment.mjs, which re-exports it).
import { DEMO_PASSWORD, HTTP_TIMEOUT_MS, STAFF, fail } from './environment.mjs';

export class Cookies {
  jar = new Map();
  take(res) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line))
        this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }
  get(name) {
    return this.jar.get(name);
  }
  header() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export async function login(base, username = STAFF) {
  const cookies = new Cookies();
  const me = await fetch(`${base}/api/auth/me`, {
    signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
  });
  cookies.take(me);
  const xsrf = cookies.get('XSRF-TOKEN');
  if (!xsrf) fail(`GET /api/auth/me (${me.status}) set no XSRF-TOKEN cookie`);
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-xsrf-token': xsrf,
      cookie: cookies.header(),
    },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
  });
  cookies.take(res);
  if (res.status !== 200)
    fail(
      `log-in as ${username} answered ${res.status}: ${(await res.text()).slice(0, 300)} (is DEMO_PASSWORD the one the data was seeded with?)`,
    );
  if (!cookies.get('certdesk_session'))
    fail('log-in answered 200 without a certdesk_session cookie');
  return cookies;
}

export async function logout(base, cookies) {
  try {
    await fetch(`${base}/api/auth/logout`, {
      method: 'POST',
      headers: {
        'x-xsrf-token': cookies.get('XSRF-TOKEN') ?? '',
        cookie: cookies.header(),
      },
      signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
    });
  } catch {
    // the server is stopped right after anyway
  }
}

/** One plain request first: the case must answer 200 (and we say what it answers). */
export async function probe(base, cookies, path) {
  const res = await fetch(`${base}${path}`, {
    headers: { cookie: cookies.header() },
    signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
  });
  const text = await res.text();
  if (res.status < 200 || res.status > 299)
    fail(`GET ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  const body = JSON.parse(text);
  if (Array.isArray(body.items))
    return `${body.items.length} items on the first page${body.nextCursor ? ', more follow' : ''}`;
  if (typeof body.total === 'number')
    return `total ${body.total.toLocaleString('en')} IB users`;
  return `status ${body.status}`;
}
