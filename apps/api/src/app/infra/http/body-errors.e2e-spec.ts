import { request as httpRequest, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import type { App } from 'supertest/types';
import { Openssl } from '@certdesk/pki/testing';
import { IbClient, IbIdentity } from '../../../testing/ib-client';
import { customerWithCertificate } from '../../../testing/ib-customer';
import { StaffBrowser } from '../../../testing/staff-browser';
import { describeSeededApp } from '../../../testing/describe-app';

const BIG = 'x'.repeat(200_000);

/** What each kind of unreadable body must answer, on both listeners: status and a Japanese reason. */
const BAD_BODIES: {
  name: string;
  body: string | Buffer;
  headers: Record<string, string>;
  status: number;
  message: RegExp;
}[] = [
  {
    name: 'a 200,000-character body',
    body: JSON.stringify({ loginId: BIG }),
    headers: { 'content-type': 'application/json' },
    status: 413,
    message: /^リクエストの本文が大きすぎます（100KB以内にしてください）$/,
  },
  {
    name: 'malformed JSON',
    body: '{"loginId": "abc",',
    headers: { 'content-type': 'application/json' },
    status: 400,
    message: /JSON として読み取れません/,
  },
  {
    name: 'a JSON string instead of an object',
    body: '"just a string"',
    headers: { 'content-type': 'application/json' },
    status: 400,
    message: /JSON として読み取れません/,
  },
  {
    name: 'a charset body-parser cannot read',
    body: '{}',
    headers: { 'content-type': 'application/json; charset=x-unknown' },
    status: 415,
    message: /文字コード（charset）には対応していません/,
  },
  {
    name: 'an unknown Content-Encoding',
    body: '{}',
    headers: {
      'content-type': 'application/json',
      'content-encoding': 'x-compress9',
    },
    status: 415,
    message: /圧縮形式（Content-Encoding）には対応していません/,
  },
  {
    name: 'a gzip body that inflates past the limit',
    body: gzipSync(JSON.stringify({ loginId: BIG })),
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    status: 413,
    message: /大きすぎます/,
  },
  {
    name: 'a corrupt gzip body',
    body: Buffer.from('not gzip at all'),
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    status: 400,
    message: /^リクエストの本文を読み取れません/,
  },
];

describeSeededApp(
  'body-parser errors and caching on both listeners ($name)',
  { ibChannel: true },
  ({ t, seeded }) => {
    let server: App;
    let staffPort: number;
    let ib: IbClient;
    let customer: IbIdentity;
    const openssl = new Openssl();

    beforeAll(async () => {
      server = t.app.getHttpServer() as App;
      const listening = t.app.getHttpServer() as Server;
      await new Promise<void>((resolve) =>
        listening.listen(0, '127.0.0.1', resolve),
      );
      staffPort = (listening.address() as AddressInfo).port;
      ib = new IbClient(t);
      customer = await customerWithCertificate(t, ib, openssl, seeded.a);
    }, 60_000);
    afterAll(() => openssl.close());

    it.each(BAD_BODIES)(
      'IB channel: $name answers $status with a Japanese reason (never 500)',
      async ({ body, headers, status, message }) => {
        const res = await sendRaw(ib, '/ib/acquisitions', body, headers);
        expectRefusal(res, status, message);
        expect(res.headers['x-request-id']).toBe(res.body.requestId);
        expect(res.headers['cache-control']).toBe('no-store');
      },
    );

    it.each(BAD_BODIES)(
      'staff listener: $name answers $status with a Japanese reason (never 500)',
      async ({ body, headers, status, message }) => {
        const res = await rawPost(staffPort, '/api/auth/login', body, headers);
        expectRefusal(res, status, message);
      },
    );

    it('a path parameter that is not UTF-8 when %-decoded answers 400 (not 500) on both listeners', async () => {
      const staff = await request(server).get('/api/ib-users/%E0%A4%A/x');
      const channel = await ib.get('/ib/ca/%C0%AF.pem');
      for (const res of [staff, channel]) {
        expect(res.status).toBe(400);
        expect(res.body.message).toMatch(
          /%エンコードが UTF-8 として正しくありません/,
        );
      }
    });

    it('a URL over 16 KB answers 431 as JSON with a Japanese reason (Node’s parser refuses it before Express) on both listeners', async () => {
      const long = `/api/certificates?q=${'x'.repeat(20_000)}`;
      const staff = await rawGet(staffPort, long);
      const channel = await ib.get(`/ib/me?q=${'x'.repeat(20_000)}`);
      for (const res of [staff, channel]) {
        expect(res.status).toBe(431);
        expect(res.body.message).toBe(
          'リクエストのURLまたはヘッダーが長すぎます。短くして送信してください',
        );
      }
    });

    it('a path id that is not a UUID answers 404 before any query runs (PostgreSQL would fail on a NUL)', async () => {
      const admin = StaffBrowser.of(t);
      await admin.login(seeded.username('admin', seeded.a));
      const manager = StaffBrowser.of(t);
      await manager.login(seeded.username('manager', seeded.a));
      const answers = [
        await admin.send('patch', '/api/staff/a%00b', { displayName: 'x' }),
        await admin.post('/api/staff/a%00b/reset-password'),
        await manager.get('/api/notices/a%00b'),
        await manager.post('/api/notices/a%00b/resend'),
        await manager.get('/api/notice-runs/a%00b'),
      ];
      expect(answers.map((a) => [a.status, a.body.message])).toEqual(
        answers.map(() => [404, '指定されたデータは見つかりません']),
      );
    });

    it('every /ib answer is Cache-Control: no-store — successes, refusals and errors alike — but the public CA certificate and CRL', async () => {
      const me = ib.as(customer);
      const answers = [
        await me.get('/ib/me'),
        await me.get('/ib/notices'),
        await me.get('/ib/certificate'),
        await me.post('/ib/renewals', {}),
        await me.post('/ib/renewals/not-a-session/csr', { csr: 'x' }),
        await ib.as(null).get('/ib/me'),
        await ib.as(null).post('/ib/acquisitions', { loginId: 'nobody' }),
        await ib.as(null).get('/ib/no-such-route'),
        await ib.as(null).get('/ib/ca/9999.pem'),
      ];
      expect(answers.map((a) => a.status)).toEqual([
        200, 200, 404, 409, 400, 401, 400, 404, 404,
      ]);
      for (const answer of answers)
        expect(answer.headers['cache-control']).toBe('no-store');
      // a refused public document is a JSON refusal like any other
      expect(answers[8].headers['content-type']).toMatch(/^application\/json/);
      expect(answers[8].body.message).toBe('指定されたデータは見つかりません');
      expect(
        (await request(server).get('/ib/me')).headers['cache-control'],
      ).toBe('no-store');
      // Public documents relying parties fetch: cacheable on purpose.
      const ca = await ib.as(null).get('/ib/ca/1001.pem');
      expect([ca.status, ca.headers['cache-control']]).toEqual([
        200,
        'public, max-age=3600',
      ]);
    });
  },
);

/** The refusal of a bad body: its status, its Japanese reason and a request id. */
function expectRefusal(
  res: { status: number; body: { message?: string; requestId?: string } },
  status: number,
  message: RegExp,
): void {
  expect([res.status, res.body.message]).toEqual([
    status,
    expect.stringMatching(message),
  ]);
  expect(res.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
}

function sendRaw(
  ib: IbClient,
  path: string,
  body: string | Buffer,
  headers: Record<string, string>,
) {
  return ib.as(null).send('POST', path, body, headers);
}

/**
 * A request with exactly these bytes and headers (supertest would serialise a Buffer as JSON);
 * answers the status and the JSON body.
 */
function rawRequest(
  port: number,
  method: 'GET' | 'POST',
  path: string,
  body?: string | Buffer,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: { message?: string; requestId?: string } }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers:
          body === undefined
            ? headers
            : {
                ...headers,
                'content-length': String(Buffer.byteLength(body)),
              },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function rawPost(
  port: number,
  path: string,
  body: string | Buffer,
  headers: Record<string, string>,
) {
  return rawRequest(port, 'POST', path, body, headers);
}

function rawGet(port: number, path: string) {
  return rawRequest(port, 'GET', path);
}
