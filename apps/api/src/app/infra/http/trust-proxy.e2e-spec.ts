import {
  SeededTenants,
  StaffBrowser,
  startSeededApp,
} from '../../../testing/staff-browser';
import type { TestApp } from '../../../testing/test-app';
import { testDatabases } from '../../../testing/test-database';
import { sessionIdOf } from '../../auth/session-cookie';
import { StaffSession } from '../../auth/staff-session.entity';

/** TRUST_PROXY decides whose X-Forwarded-For names the staff client (sessions, audit, per-address limits). */
describe.each(testDatabases())(
  'TRUST_PROXY on the staff listener on $name',
  (db) => {
    let t: TestApp;
    let seeded: SeededTenants;

    beforeAll(async () => {
      // A load balancer at 192.0.2.10 only: the test's loopback connection is no trusted proxy.
      ({ t, seeded } = await startSeededApp(db, {
        env: { TRUST_PROXY: '192.0.2.10' },
      }));
    }, 60_000);
    afterAll(() => t?.close());

    it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
      const browser = StaffBrowser.of(t, '198.51.100.23');
      expect(
        (await browser.login(seeded.username('manager', seeded.a))).status,
      ).toBe(200);
      const session = await t.dataSource
        .getRepository(StaffSession)
        .findOneByOrFail({
          id: sessionIdOf(browser.cookies.get('certdesk_session') ?? ''),
        });
      expect(session.ip).not.toBe('198.51.100.23');
      expect(session.ip).toMatch(/127\.0\.0\.1|::1/);
    });
  },
);
