import { ERROR_MESSAGES } from '@certdesk/contracts';
import request from 'supertest';
import type { App } from 'supertest/types';
import { setCookieLine, StaffBrowser } from '../../../testing/staff-browser';
import { describeSeededApp } from '../../../testing/describe-app';
import { CONTENT_SECURITY_POLICY } from './security-headers';

const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

describeSeededApp('CSRF defence and security headers on $name', ({ t }) => {
  let server: App;
  const login = { username: 'manager-1001', password: 'irrelevant-for-csrf' };

  beforeAll(async () => {
    server = t.app.getHttpServer() as App;
  });

  describe('XSRF-TOKEN cookie', () => {
    it('is set, readable by scripts, on any /api answer that came without one (even a 401)', async () => {
      const res = await request(server).get('/api/auth/me').expect(401);
      expect(setCookieLine(res, 'XSRF-TOKEN')).toMatch(
        /^XSRF-TOKEN=[A-Za-z0-9_-]{43}; Path=\/; SameSite=Strict$/,
      );
      const again = await request(server)
        .get('/api/health')
        .set('Cookie', setCookieLine(res, 'XSRF-TOKEN')?.split(';')[0] ?? '');
      expect(setCookieLine(again, 'XSRF-TOKEN')).toBeUndefined();
    });

    it('is renewed at log-in', async () => {
      const browser = StaffBrowser.of(t);
      await browser.get('/api/auth/me');
      const before = browser.cookies.get('XSRF-TOKEN');
      await browser.login('manager-1001');
      expect(browser.cookies.get('XSRF-TOKEN')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(browser.cookies.get('XSRF-TOKEN')).not.toBe(before);
    });
  });

  describe('refuses a change (403, Japanese) when', () => {
    const expectCsrf403 = (
      res: request.Response,
      message: string = ERROR_MESSAGES.csrf_mismatch,
    ) => {
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({
        statusCode: 403,
        message,
        requestId: expect.any(String),
      });
    };

    it('the header is missing (log-in included)', async () => {
      const token = 'a'.repeat(43);
      expectCsrf403(
        await request(server)
          .post('/api/auth/login')
          .set('Cookie', `XSRF-TOKEN=${token}`)
          .send(login),
      );
    });

    it('the cookie is missing', async () => {
      expectCsrf403(
        await request(server)
          .post('/api/auth/login')
          .set('X-XSRF-TOKEN', 'a'.repeat(43))
          .send(login),
      );
    });

    it('header and cookie differ', async () => {
      const res = await request(server)
        .post('/api/auth/logout')
        .set('Cookie', `XSRF-TOKEN=${'a'.repeat(43)}`)
        .set('X-XSRF-TOKEN', `${'a'.repeat(42)}b`);
      expectCsrf403(res);
    });

    it('the Origin is another site or opaque, even with a matching token', async () => {
      for (const origin of [
        'https://evil.example',
        'null',
        'http://127.0.0.1.evil.example',
      ]) {
        const browser = StaffBrowser.of(t);
        expectCsrf403(
          await browser.send('post', '/api/auth/login', login, {
            Origin: origin,
          }),
          ERROR_MESSAGES.foreign_origin,
        );
      }
    });

    it('the method is PATCH, PUT or DELETE too', async () => {
      for (const method of ['patch', 'put', 'delete'] as const) {
        expectCsrf403(await request(server)[method]('/api/staff/x').send({}));
      }
    });
  });

  it('accepts a same-origin change with a matching token (and GETs need none)', async () => {
    const browser = StaffBrowser.of(t);
    await browser.get('/api/auth/me');
    const res = await browser.send('post', '/api/auth/login', login, {
      Origin: 'http://localhost:3000',
      Host: 'localhost:3000',
    });
    expect(res.status).toBe(401); // past CSRF: the (wrong) password is what fails
    expect(
      (
        await request(server)
          .get('/api/health')
          .set('Origin', 'https://evil.example')
      ).status,
    ).toBe(200);
  });

  describe('security headers', () => {
    const expectStrict = (res: request.Response) => {
      expect(res.headers['content-security-policy']).toBe(STRICT_CSP);
      expect(res.headers).toMatchObject({
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'x-frame-options': 'DENY',
        'cross-origin-opener-policy': 'same-origin',
        'permissions-policy': 'camera=(), microphone=(), geolocation=()',
      });
      expect(res.headers['x-powered-by']).toBeUndefined();
    };

    it('are on API answers, errors included, which are never cached', async () => {
      expect(CONTENT_SECURITY_POLICY).toBe(STRICT_CSP);
      for (const res of [
        await request(server).get('/api/health'),
        await request(server).get('/api/auth/me'),
        await request(server).get('/api/no-such-route'),
        await request(server).post('/api/auth/login').send({}),
      ]) {
        expectStrict(res);
        expect(res.headers['cache-control']).toBe('no-store');
      }
    });

    it('are on answers outside the API too', async () => {
      expectStrict(await request(server).get('/'));
      expectStrict(await request(server).get('/dashboard'));
    });

    it('relax script-src only for the Swagger UI at /api/docs', async () => {
      const res = await request(server).get('/api/docs/');
      expect(res.status).toBe(200);
      expect(res.headers['content-security-policy']).toBe(
        STRICT_CSP.replace(
          "script-src 'self'",
          "script-src 'self' 'unsafe-inline'",
        ),
      );
      expect(res.headers['x-frame-options']).toBe('DENY');
    });
  });
});
