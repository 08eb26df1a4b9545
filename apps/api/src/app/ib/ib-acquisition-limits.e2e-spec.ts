import {
  ERROR_MESSAGES,
  IB_TOO_MANY_ATTEMPTS_MESSAGE,
} from '@certdesk/contracts';
import { Agent } from 'node:https';
import { performance } from 'node:perf_hooks';
import { Openssl } from '@certdesk/pki/testing';
import { IbAnswer, IbClient } from '../../testing/ib-client';
import { foreignIdentity } from '../../testing/ib-customer';
import { addIbUser, withPins } from '../../testing/pki';
import { recordVerifiedHashes } from '../../testing/verified-hashes';
import { describeSeededApp } from '../../testing/describe-app';
import { AuditEvent } from '../audit/audit-event.entity';
import { Certificate } from '../certificates/certificate.entity';
import { IbUser } from '../customers/ib-user.entity';
import { AttemptCounter } from '../infra/limits/attempt-counter';
import { IB_ADDRESS_LIMIT, MAX_PIN_ATTEMPTS } from './ib-acquisition.service';
import { IB_REFUSALS_AUDITED_PER_ADDRESS } from './ib-refusal-audit';

const PIN = '2468';
const CONFIRMATION = '13579';
let nextHost = 1;
/** A loopback address of its own (Linux routes all of 127/8 to lo): each client counts apart. */
const address = () =>
  `127.0.${Math.floor(nextHost / 250) + 1}.${(nextHost++ % 250) + 1}`;
const answerOf = (a: IbAnswer) => ({
  status: a.status,
  code: a.body.code,
  message: a.body.message,
  keys: Object.keys(a.body).sort(),
});

/** The IB acquisition endpoint against guessing: claims before checks, limits, uniform answers, audit. */
describeSeededApp(
  'IB acquisition under attack on $name',
  { ibChannel: true },
  ({ t, seeded }) => {
    let ib: IbClient;
    let csr: string;
    let verified: string[];
    const openssl = new Openssl();
    const acquire = (
      loginId: string,
      overrides: Record<string, string> = {},
      from: string | IbClient = address(),
    ) =>
      (typeof from === 'string' ? ib.from(from) : from).post(
        '/ib/acquisitions',
        {
          loginId,
          pin: PIN,
          confirmationPin: CONFIRMATION,
          csr,
          ...overrides,
        },
      );
    const user = async (cu = seeded.a) =>
      withPins(t, await addIbUser(t, cu), PIN, CONFIRMATION);
    const audits = (action: string) =>
      t.dataSource.getRepository(AuditEvent).find({ where: { action } });

    beforeAll(() => {
      ib = new IbClient(t);
      csr = openssl.newKeyRequest(2048).csrPem;
      verified = recordVerifiedHashes(t);
    });
    afterAll(() => openssl.close());

    it('100 concurrent wrong pairs with the right one in the middle: at most 5 pairs verified, the right one refused, the user locked, nothing issued', async () => {
      const u = await user();
      const clients = await connected(ib, 100);
      verified.length = 0;
      const answers = await Promise.all(
        clients.map((client, i) =>
          acquire(
            u.loginId,
            i === 50 ? {} : { pin: `9${String(i).padStart(3, '0')}` },
            client,
          ),
        ),
      );
      const pairs = verified.filter((h) => h === u.pinHash).length;
      console.log(
        `[IB burst] 100 PIN pairs for one login ID: ${pairs} verified; answers ${JSON.stringify(countBy(answers.map((a) => a.status)))}`,
      );
      expect(pairs).toBeLessThanOrEqual(MAX_PIN_ATTEMPTS);
      expect(answers[50].status).not.toBe(201);
      expect(answers.every((a) => [401, 403].includes(a.status))).toBe(true);
      const row = await t.dataSource
        .getRepository(IbUser)
        .findOneByOrFail({ id: u.id });
      expect(row.pinLockedAt).not.toBeNull();
      expect(row.failedPinAttempts).toBe(MAX_PIN_ATTEMPTS);
      expect(
        await t.dataSource
          .getRepository(Certificate)
          .countBy({ ibUserId: u.id }),
      ).toBe(0);
      expect(await acquire(u.loginId)).toMatchObject({
        status: 403,
        body: { code: 'pin_locked', message: ERROR_MESSAGES.pin_locked },
      });
      for (const client of clients) client.close();
    }, 180_000);

    it('answers an unknown login ID exactly like a real one with wrong PINs, five times, then locked; both audited', async () => {
      const u = await user();
      const real: IbAnswer[] = [];
      const unknown: IbAnswer[] = [];
      const took = { real: 0, unknown: 0 };
      for (let i = 0; i <= MAX_PIN_ATTEMPTS; i++) {
        let started = performance.now();
        real.push(await acquire(u.loginId, { pin: '0000' }));
        took.real += performance.now() - started;
        started = performance.now();
        unknown.push(await acquire('nosuchuser01', { pin: '0000' }));
        took.unknown += performance.now() - started;
      }
      console.log(
        `[IB timing] ${MAX_PIN_ATTEMPTS + 1} attempts each: real login ID ${Math.round(took.real)} ms, unknown ${Math.round(took.unknown)} ms`,
      );
      expect(unknown.map(answerOf)).toEqual(real.map(answerOf));
      expect(real[0].body.message).toBe(
        'ログインIDまたは暗証番号が正しくありません。あと4回誤って入力されると、ご利用いただけなくなります。',
      );
      expect(real.at(-1)).toMatchObject({
        status: 403,
        body: { code: 'pin_locked' },
      });
      const refused = await audits('ib.acquisition.refused');
      const reasons = refused.map((e) => JSON.parse(e.details).reason);
      expect(reasons).toContain('unknown_login_id');
      expect(reasons).toContain('pin_locked');
      for (const a of [...real, ...unknown]) {
        expect(a.body.message).toMatch(/。$/);
        expect(a.body.message).not.toMatch(/[A-Za-z]{4,}/);
      }
    }, 120_000);

    it('a login ID held at two credit unions: wrong PINs answer as usual; right PINs without the code ask for it; with it, issued', async () => {
      const a = await user(seeded.a);
      const b = await withPins(
        t,
        await addIbUser(t, seeded.b),
        '8642',
        '97531',
      );
      await t.dataSource
        .getRepository(IbUser)
        .update({ id: b.id }, { loginId: a.loginId });
      const wrongPins = await acquire(a.loginId, { pin: '0000' });
      expect(wrongPins).toMatchObject({
        status: 401,
        body: { code: 'wrong_credentials' },
      });
      const ask = await acquire(a.loginId);
      expect(ask.status).toBe(400);
      expect(ask.body.code).toBe('credit_union_required');
      expect(ask.body.message).toMatch(/金庫コード.*。$/);
      expect(JSON.stringify(ask.body)).not.toMatch(/creditUnionCode/);
      const issued = await acquire(a.loginId, { creditUnionCode: '1001' });
      expect(issued.status).toBe(201);
      const rows = await t.dataSource
        .getRepository(IbUser)
        .findBy({ loginId: a.loginId });
      // The right PINs of one gave back the other's claim: neither is closer to a lock.
      expect(rows.map((r) => r.failedPinAttempts).sort()).toEqual([0, 1]);
    }, 120_000);

    it('limits failures per client address (429, Retry-After), whatever X-Forwarded-For says; other addresses go on', async () => {
      const from = address();
      for (let i = 0; i < IB_ADDRESS_LIMIT.max; i++) {
        const res = await ib.from(from).post(
          '/ib/acquisitions',
          {
            loginId: `ghost${i}`,
            pin: PIN,
            confirmationPin: CONFIRMATION,
            csr,
          },
          { 'x-forwarded-for': `203.0.113.${i}` },
        );
        expect(res.status).toBe(401);
      }
      const limited = await ib
        .from(from)
        .post(
          '/ib/acquisitions',
          { loginId: 'ghost99', pin: PIN, confirmationPin: CONFIRMATION, csr },
          { 'x-forwarded-for': '203.0.113.200' },
        );
      expect(limited).toMatchObject({
        status: 429,
        body: {
          code: 'too_many_attempts',
          message: IB_TOO_MANY_ATTEMPTS_MESSAGE,
        },
      });
      expect(Number(limited.headers['retry-after'])).toBe(15 * 60);
      expect((await acquire('ghost99')).status).toBe(401);
      t.clock.advance(IB_ADDRESS_LIMIT.windowMs);
      expect((await acquire('ghost98', {}, from)).status).toBe(401);
    }, 120_000);

    it('audits refused certificate log-ons, at most 5 a window from one address, then one summary with the count', async () => {
      const client = ib.as(foreignIdentity(openssl)).from(address());
      const before = (await audits('ib.logon.refused')).length;
      for (let i = 0; i < 12; i++)
        expect((await client.get('/ib/me')).body.code).toBe(
          'unknown_certificate',
        );
      const recorded = (await audits('ib.logon.refused')).slice(before);
      expect(recorded).toHaveLength(IB_REFUSALS_AUDITED_PER_ADDRESS.max);
      expect(JSON.parse(recorded[0].details)).toMatchObject({
        reason: 'unknown_certificate',
        fingerprintSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      t.clock.advance(IB_REFUSALS_AUDITED_PER_ADDRESS.windowMs);
      await t.app.get(AttemptCounter).sweep();
      const summaries = (await audits('ib.refusals.summary')).map((e) =>
        JSON.parse(e.details),
      );
      expect(summaries).toContainEqual(
        expect.objectContaining({
          refusedAction: 'ib.logon.refused',
          reason: 'unknown_certificate',
          refusals: 12,
        }),
      );
    }, 120_000);
  },
);

/**
 * `n` clients, each from its own address over a keep-alive connection already open (TLS handshake
 * done), so their next requests reach the server together — a real race, as from many machines.
 */
async function connected(
  ib: IbClient,
  n: number,
): Promise<(IbClient & { close(): void })[]> {
  const clients = Array.from({ length: n }, () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    return Object.assign(ib.from(address()).via(agent), {
      close: () => agent.destroy(),
    });
  });
  await Promise.all(clients.map((c) => c.get('/warm-up')));
  return clients;
}

function countBy(values: number[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
