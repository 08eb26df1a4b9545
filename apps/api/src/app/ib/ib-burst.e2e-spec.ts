import { Openssl } from '@certdesk/pki/testing';
import { IbClient } from '../../testing/ib-client';
import { startTestApp, TestApp } from '../../testing/test-app';
import { testDatabases } from '../../testing/test-database';
import { HASHING_CONCURRENCY, Passwords } from '../auth/passwords';

const BURST = 500;
const MiB = 1024 * 1024;

/**
 * 500 acquisitions at once, each for its own unknown login ID from its own address (so no limit
 * per address or login ID stops them): the process-wide cap on password hashing keeps at most
 * HASHING_CONCURRENCY argon2 verifications (64 MiB each) running, queues a few, and answers the
 * rest 503 with Retry-After. Prints the RSS figures (a measurement, not a timed assertion).
 */
// One database is enough (the figure is the process's hashing, not the database's): PostgreSQL when
// TEST_DATABASE_URL is set, as in CI; on SQLite the 500 requests' writes take turns and it runs far longer.
describe.each(testDatabases().slice(-1))(
  'IB acquisition burst on $name',
  (db) => {
    let t: TestApp;
    const openssl = new Openssl();

    beforeAll(async () => {
      t = await startTestApp(db, { ibChannel: true });
    }, 60_000);
    afterAll(async () => {
      openssl.close();
      await t?.close();
    });

    it(`${BURST} concurrent acquisitions: hashing stays capped, the excess gets 503 with Retry-After, memory bounded`, async () => {
      const ib = new IbClient(t);
      const csr = openssl.newKeyRequest(2048).csrPem;
      const gate = t.app.get(Passwords).gate;
      global.gc?.();
      const rssBefore = process.memoryUsage().rss;
      let rssPeak = rssBefore;
      let mostRunning = 0;
      const sampler = setInterval(() => {
        rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
        mostRunning = Math.max(mostRunning, gate.load().running);
      }, 5);
      const started = Date.now();
      const answers = await Promise.all(
        Array.from({ length: BURST }, (_, i) =>
          ib
            .from(`127.1.${Math.floor(i / 250)}.${(i % 250) + 1}`)
            .post('/ib/acquisitions', {
              loginId: `burst${String(i).padStart(4, '0')}`,
              pin: '1234',
              confirmationPin: '5678',
              csr,
            }),
        ),
      );
      clearInterval(sampler);
      const statuses: Record<number, number> = {};
      for (const a of answers)
        statuses[a.status] = (statuses[a.status] ?? 0) + 1;
      console.log(
        `[IB burst] ${BURST} acquisitions in ${Date.now() - started} ms: ${JSON.stringify(statuses)}; ` +
          `RSS ${Math.round(rssBefore / MiB)} MiB before, peak ${Math.round(rssPeak / MiB)} MiB ` +
          `(+${Math.round((rssPeak - rssBefore) / MiB)} MiB, test client in the same process); ` +
          `at most ${mostRunning} hashings running (cap ${HASHING_CONCURRENCY})`,
      );
      expect(mostRunning).toBeLessThanOrEqual(HASHING_CONCURRENCY);
      expect(Object.keys(statuses).sort()).toEqual(['401', '503']);
      for (const busy of answers.filter((a) => a.status === 503)) {
        expect(busy.body.code).toBe('busy');
        expect(Number(busy.headers['retry-after'])).toBeGreaterThan(0);
      }
      // A request refused as busy may leave its other PIN's verification running: it ends by itself.
      for (let i = 0; i < 100 && gate.load().running > 0; i++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(gate.load()).toEqual({ running: 0, waiting: 0 });
    }, 400_000);
  },
);
