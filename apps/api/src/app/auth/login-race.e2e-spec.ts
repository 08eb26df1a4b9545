import { ERROR_MESSAGES } from '@certdesk/contracts';
import {
  DEMO_PASSWORD,
  StaffBrowser,
  staffByUsername,
} from '../../testing/staff-browser';
import { recordVerifiedHashes } from '../../testing/verified-hashes';
import { describeSeededApp } from '../../testing/describe-app';
import { AuditEvent } from '../audit/audit-event.entity';
import { LOCK_DURATION_MS, MAX_FAILED_LOGINS } from './credentials.service';
import {
  LIMITED_AUDITS_PER_ADDRESS,
  LOGIN_FAILURES_PER_IP,
} from './login-throttle';

/** Concurrent guesses against the staff log-in: the lock and the per-address limit cannot be outrun. */
describeSeededApp('staff log-in under a burst on $name', ({ t, seeded }) => {
  let verified: string[];

  beforeAll(() => {
    verified = recordVerifiedHashes(t);
  });

  /** Browsers with their XSRF cookie already fetched, so the burst is only log-ins. */
  const browsers = async (n: number, ip?: (i: number) => string) => {
    const all = Array.from({ length: n }, (_, i) =>
      StaffBrowser.of(t, ip?.(i)),
    );
    for (const b of all) await b.get('/api/auth/me');
    return all;
  };

  it('100 concurrent wrong passwords from 100 addresses: at most 10 verified, the account locked, the right password refused until the lock ends', async () => {
    const username = seeded.username('manager', seeded.b);
    const staff = await staffByUsername(t, username);
    const all = await browsers(100);
    verified.length = 0;
    const answers = await Promise.all(
      all.map((b, i) => b.login(username, `wrong-password-${i}`)),
    );
    const ofAccount = verified.filter((h) => h === staff.passwordHash).length;
    console.log(
      `[login burst] 100 wrong passwords: ${ofAccount} verified against the account's hash`,
    );
    expect(answers.map((a) => a.status)).toEqual(Array(100).fill(401));
    expect(ofAccount).toBeLessThanOrEqual(MAX_FAILED_LOGINS);
    const locked = await staffByUsername(t, username);
    expect(locked.lockedUntil?.getTime()).toBe(
      t.clock.now().getTime() + LOCK_DURATION_MS,
    );
    expect(
      await t.dataSource
        .getRepository(AuditEvent)
        .countBy({ action: 'auth.locked', targetId: staff.id }),
    ).toBe(1);

    const browser = StaffBrowser.of(t);
    expect((await browser.login(username)).status).toBe(401);
    t.clock.advance(LOCK_DURATION_MS - 1000);
    expect((await browser.login(username)).status).toBe(401);
    t.clock.advance(1000);
    expect((await browser.login(username)).status).toBe(200);
  }, 180_000);

  it('a right password in the middle of a locking burst is refused, and nothing after the lock signs in', async () => {
    const username = seeded.username('compliance', seeded.a);
    const staff = await staffByUsername(t, username);
    const all = await browsers(24);
    verified.length = 0;
    const answers = await Promise.all(
      all.map((b, i) =>
        b.login(username, i === 12 ? DEMO_PASSWORD : `wrong-${i}`),
      ),
    );
    const statuses = answers.map((a) => a.status);
    const row = await staffByUsername(t, username);
    const ofAccount = verified.filter((h) => h === staff.passwordHash).length;
    expect(ofAccount).toBeLessThanOrEqual(MAX_FAILED_LOGINS);
    // Either the right one was among the first ten claimed and signed in before the lock, or it was refused.
    if (statuses[12] === 200) expect(row.lockedUntil).toBeNull();
    else {
      expect(statuses.every((s) => s === 401)).toBe(true);
      expect(row.lockedUntil).not.toBeNull();
      expect((await StaffBrowser.of(t).login(username)).status).toBe(401);
    }
    t.clock.advance(LOCK_DURATION_MS);
  }, 180_000);

  it('100 concurrent failures from one address: at most 30 checked, the rest 429 with Retry-After', async () => {
    const all = await browsers(100, () => '198.51.100.9');
    verified.length = 0;
    const answers = await Promise.all(
      all.map((b, i) => b.login(`ghost-${i}`, 'whatever-pass-1')),
    );
    const statuses = answers.map((a) => a.status);
    console.log(
      `[login burst] one address: ${statuses.filter((s) => s === 401).length} checked, ${statuses.filter((s) => s === 503).length} busy (503), ${statuses.filter((s) => s === 429).length} refused with 429, ${verified.length} verifications`,
    );
    // Claimed: checked (401), or 503 when the hashing queue of this loaded machine was full for 10 s
    // (a refusal as busy stays counted against the address).
    expect(statuses.filter((s) => s === 401 || s === 503)).toHaveLength(
      LOGIN_FAILURES_PER_IP,
    );
    expect(statuses.filter((s) => s === 429)).toHaveLength(
      100 - LOGIN_FAILURES_PER_IP,
    );
    expect(verified.length).toBeLessThanOrEqual(LOGIN_FAILURES_PER_IP);
    const limited = answers.find((a) => a.status === 429);
    expect(limited?.body).toMatchObject({
      message: ERROR_MESSAGES.too_many_attempts,
      code: 'too_many_attempts',
    });
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited?.headers['retry-after'])).toBeLessThanOrEqual(300);
    // A flood of refusals adds a bounded number of audit records.
    const audited = (
      await t.dataSource
        .getRepository(AuditEvent)
        .findBy({ action: 'auth.login', ip: '198.51.100.9' })
    ).filter((e) => JSON.parse(e.details).reason === 'rate_limited');
    expect(audited).toHaveLength(LIMITED_AUDITS_PER_ADDRESS);
  }, 180_000);
});
