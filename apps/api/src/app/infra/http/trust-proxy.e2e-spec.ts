import { StaffBrowser } from '../../../testing/staff-browser';
import { describeSeededApp } from '../../../testing/describe-app';
import { sessionIdOf } from '../../auth/session-cookie';
import { StaffSession } from '../../auth/staff-session.entity';

/** TRUST_PROXY decides whose X-Forwarded-For names the staff client (sessions, audit, per-address limits). */
describeSeededApp(
  'TRUST_PROXY on the staff listener on $name',
  {
    // A load balancer at 192.0.2.10 only: the test's loopback connection is no trusted proxy.
    env: { TRUST_PROXY: '192.0.2.10' },
  },
  ({ t, seeded }) => {
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
