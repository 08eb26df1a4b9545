import type { App } from 'supertest/types';
import { describeSeededApp } from '../../testing/describe-app';
import { statementsOf } from '../../testing/plans';
import { StaffBrowser } from '../../testing/staff-browser';
import { createTestApp, TestApp } from '../../testing/test-app';
import { SESSION_CHANGES_CHANNEL, SessionCache } from './session-cache';
import { sessionIdOf } from './session-cookie';

/** Waits (up to `ms`, 5 s by default) until `check` holds; its last answer otherwise. */
async function eventually<T>(
  probe: () => Promise<T>,
  check: (value: T) => boolean,
  ms = 5000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const readsSession = (sql: string) => /\bstaff_session\b/.test(sql);

/** Waits (up to 10 s) until `cache` hears changes (`live`) or not; whether it does then. */
const listening = (cache: SessionCache, live: boolean) =>
  eventually(
    async () => cache.listening,
    (now) => now === live,
    10_000,
  );

describeSeededApp(
  'the session check kept per process on $name',
  ({ db, t, seeded }) => {
    // A second API process on the same database (its own cache, its own listening connection).
    let other: TestApp;
    beforeAll(async () => {
      other = await createTestApp(t.config.database);
    });
    afterAll(() => other.close());

    /** Signed in on the first process, and the same cookies on the second. */
    async function signedInOnBoth(
      role: 'branch_staff' | 'manager' = 'branch_staff',
    ) {
      const here = await StaffBrowser.signedIn(
        t,
        seeded.username(role, seeded.a),
      );
      const there = new StaffBrowser(other.app.getHttpServer() as App);
      for (const [name, value] of here.cookies) there.cookies.set(name, value);
      expect((await there.get('/api/auth/me')).status).toBe(200);
      return { here, there, token: here.cookies.get('certdesk_session') ?? '' };
    }

    const status = (browser: StaffBrowser) => async () =>
      (await browser.get('/api/auth/me')).status;

    it('answers a repeated request without reading the session again', async () => {
      const { there } = await signedInOnBoth();
      // The log-in's own changes (announced, on PostgreSQL, as it commits) may drop the first one.
      const sessionReads = () =>
        statementsOf(other.dataSource, () => there.get('/api/dashboard')).then(
          (statements) => statements.map(([sql]) => sql).filter(readsSession),
        );
      expect(
        await eventually(sessionReads, (reads) => reads.length === 0),
      ).toEqual([]);
    });

    it('refuses a session on every process once it is logged out on one', async () => {
      const { here, there } = await signedInOnBoth();
      expect((await here.post('/api/auth/logout')).status).toBe(204);
      expect(await status(here)()).toBe(401);
      expect(await eventually(status(there), (s) => s === 401)).toBe(401);
    });

    it('refuses a staff member disabled by another process (SQL), and sees a credit union change', async () => {
      const { here, there } = await signedInOnBoth();
      const me = await there.get('/api/auth/me');
      const staffId = (me.body as { staffId: string }).staffId;
      await t.dataSource.query(
        `UPDATE credit_union SET name = 'さくら信用金庫（改称）' WHERE id = ${db.name === 'postgres' ? '$1' : '?'}`,
        [seeded.a.id],
      );
      const renamed = await eventually(
        () => there.get('/api/auth/me'),
        (res) =>
          (res.body as { creditUnion?: { name?: string } }).creditUnion
            ?.name === 'さくら信用金庫（改称）',
      );
      expect(
        (renamed.body as { creditUnion: { name: string } }).creditUnion.name,
      ).toBe('さくら信用金庫（改称）');
      await t.dataSource.query(
        `UPDATE staff_user SET disabled_at = created_at WHERE id = ${db.name === 'postgres' ? '$1' : '?'}`,
        [staffId],
      );
      expect(await eventually(status(there), (s) => s === 401)).toBe(401);
      expect(await eventually(status(here), (s) => s === 401)).toBe(401);
    });

    if (db.name === 'postgres')
      it('keeps nothing while its listening connection is down, and listens again', async () => {
        const { there, token } = await signedInOnBoth('manager');
        const cache = other.app.get(SessionCache);
        expect(cache.listening).toBe(true);
        await t.dataSource.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
           WHERE application_name = $1 AND datname = current_database()`,
          [`certdesk listener ${SESSION_CHANGES_CHANNEL}`],
        );
        await listening(cache, false);
        // Read while nothing can be heard, then ended: the next request must still be refused.
        expect(await status(there)()).toBe(200);
        expect(cache.listening).toBe(false);
        await t.dataSource.query(
          'UPDATE staff_session SET ended_at = created_at WHERE id = $1',
          [sessionIdOf(token)],
        );
        expect(await status(there)()).toBe(401);
        expect(await listening(cache, true)).toBe(true);
        const { there: again } = await signedInOnBoth('manager');
        const sessionReads = () =>
          statementsOf(other.dataSource, () =>
            again.get('/api/dashboard'),
          ).then((statements) =>
            statements.map(([sql]) => sql).filter(readsSession),
          );
        expect(
          await eventually(sessionReads, (reads) => reads.length === 0),
        ).toEqual([]);
      });

    if (db.name === 'postgres')
      it('stops keeping within seconds when its listening connection goes quiet without closing', async () => {
        const { there, token } = await signedInOnBoth('manager');
        const cache = other.app.get(SessionCache);
        await listening(cache, true);
        const listeners = (await t.dataSource.query(
          `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`,
          [`certdesk listener ${SESSION_CHANGES_CHANNEL}`],
        )) as { pid: number }[];
        // A stopped backend keeps its socket open but delivers nothing: a dropped idle connection.
        for (const { pid } of listeners) process.kill(pid, 'SIGSTOP');
        try {
          expect(await listening(cache, false)).toBe(false);
          await t.dataSource.query(
            'UPDATE staff_session SET ended_at = created_at WHERE id = $1',
            [sessionIdOf(token)],
          );
          expect(await status(there)()).toBe(401);
        } finally {
          for (const { pid } of listeners) process.kill(pid, 'SIGCONT');
        }
        expect(await listening(cache, true)).toBe(true);
      }, 30_000);
  },
);
