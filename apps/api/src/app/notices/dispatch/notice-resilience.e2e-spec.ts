import { randomUUID } from 'node:crypto';
import { Liquid } from 'liquidjs';
import { addDays } from '@certdesk/domain';
import { renderNotice } from '@certdesk/notice-templates';
import { SeededTenants } from '../../../testing/staff-browser';
import { createTestApp, TestApp } from '../../../testing/test-app';
import { testDatabases } from '../../../testing/test-database';
import { IbUser } from '../../customers/ib-user.entity';
import {
  addIbUser,
  FixtureUser,
  quietAllUsers,
  planRun,
} from '../testing/notice-fixtures';
import { SmtpSink } from '../testing/smtp-sink';
import { NoticeJobs } from './notice-jobs';
import { NoticeOutbox } from './notice-outbox.entity';
import { NoticeRunsService } from './notice-runs.service';
import { NoticeSender } from './notice-sender';
import { LEASE_MS, OutboxStore } from './notice-outbox.repository';
import { ReissueNoticeQueue } from './reissue-notice';
import { startMailingApp } from '../testing/mailing-app';

// Two Nest applications booting, seeding and sending side by side: seconds on a quiet machine, maybe
// minutes on a shared one — more than the 30 s default, which would fail the file for no fault.
jest.setTimeout(300_000);

// The real renderer, which a test can make fail as a starved process would (see renderUnstarved).
jest.mock('@certdesk/notice-templates', () => {
  const actual = jest.requireActual<
    typeof import('@certdesk/notice-templates')
  >('@certdesk/notice-templates');
  return { ...actual, renderNotice: jest.fn(actual.renderNotice) };
});

describe.each(testDatabases())(
  'notice sending under failure on $name',
  (db) => {
    const smtp = new SmtpSink();
    let t: TestApp;
    let drop: () => Promise<void>;
    let seeded: SeededTenants;

    const outbox = () => t.dataSource.getRepository(NoticeOutbox);
    const rowOf = (u: FixtureUser) =>
      outbox().findOneByOrFail({ ibUserId: u.ibUser.id });
    /** Each of `users` was mailed once since the last take, and its notice is sent after `attempts` attempts. */
    async function expectSent(
      users: FixtureUser[],
      attempts: number,
    ): Promise<void> {
      expect(SmtpSink.recipients(smtp.take())).toEqual(
        users.map((u) => u.ibUser.email as string).sort(),
      );
      expect(
        (await Promise.all(users.map(rowOf))).map((r) => [
          r.status,
          r.attempts,
        ]),
      ).toEqual(users.map(() => ['sent', attempts]));
    }
    async function dueUsers(
      count: number,
      cu = seeded.a,
    ): Promise<FixtureUser[]> {
      const users: FixtureUser[] = [];
      for (let i = 0; i < count; i++)
        users.push(
          await addIbUser(t, cu, {
            expiry: addDays(t.clock.today(), 5 + (i % 20)),
          }),
        );
      return users;
    }

    beforeAll(async () => {
      ({ t, seeded, drop } = await startMailingApp(db, smtp));
    });
    afterAll(async () => {
      await t?.close();
      await drop?.();
      await smtp.stop();
    });
    beforeEach(async () => {
      await quietAllUsers(t);
      smtp.take();
    });

    it('backs off while the SMTP server is down (1 s doubling, with jitter) and delivers everything once it is back', async () => {
      const users = await dueUsers(3);
      await smtp.stop();
      const sender = t.app.get(NoticeSender);
      await planRun(t, seeded.a);
      expect((await sender.drain(seeded.a.id)).pending).toBe(3);
      const delays: number[][] = [];
      for (let attempt = 1; attempt <= 4; attempt++) {
        const rows = await Promise.all(users.map(rowOf));
        expect(rows.map((r) => [r.status, r.attempts])).toEqual(
          users.map(() => ['pending', attempt]),
        );
        expect(rows[0].statusReason).toContain('接続できません');
        delays.push(
          rows.map((r) => r.nextAttemptAt.getTime() - t.clock.now().getTime()),
        );
        expect((await sender.drain(seeded.a.id)).pending).toBe(0); // nothing is due before its back-off ends
        t.clock.advance(Math.max(...delays[delays.length - 1]));
        if (attempt < 4) await sender.drain(seeded.a.id);
      }
      // 1 s, 2 s, 4 s, 8 s steps, each within 75 %–125 % (never below 1 s).
      const outside = delays.flatMap((step, i) =>
        step.filter(
          (ms) => ms < Math.max(1000, 750 * 2 ** i) || ms > 1250 * 2 ** i,
        ),
      );
      expect(outside).toEqual([]);
      await smtp.start();
      await sender.drain(seeded.a.id);
      await expectSent(users, 5);
    });

    it('retries a row claimed by a sender that crashed before sending, once its lease has expired', async () => {
      const [user] = await dueUsers(1);
      await planRun(t, seeded.a);
      const store = t.app.get(OutboxStore);
      const [claimed] = await store.claim(t.clock.now(), 10, seeded.a.id); // … and the process dies here
      expect(claimed).toMatchObject({
        status: 'sending',
        attempts: 0, // claimed, never tried
        ibUserId: user.ibUser.id,
      });
      const sender = t.app.get(NoticeSender);
      await sender.drain(seeded.a.id);
      expect(smtp.take()).toEqual([]); // the lease still holds
      t.clock.advance(LEASE_MS + 1000);
      await sender.drain(seeded.a.id);
      expect(SmtpSink.recipients(smtp.take())).toEqual([user.ibUser.email]);
      expect(await rowOf(user)).toMatchObject({ status: 'sent', attempts: 1 });
      // The crashed sender's claim is void: it cannot overwrite the outcome, nor count an attempt.
      expect(await store.settle(claimed, { status: 'failed' })).toBe(false);
      expect(await store.begin(claimed)).toBe(false);
      expect(await rowOf(user)).toMatchObject({ status: 'sent', attempts: 1 });
    });

    it('never gives up a notice because senders holding it in their batch were killed before trying it', async () => {
      const users = await dueUsers(3);
      await planRun(t, seeded.a);
      const store = t.app.get(OutboxStore);
      // More crashes than NOTICE_MAX_ATTEMPTS (30), each while the batch was claimed and nothing sent.
      for (let crash = 0; crash <= 30; crash++) {
        expect(await store.claim(t.clock.now(), 10, seeded.a.id)).toHaveLength(
          3,
        );
        t.clock.advance(LEASE_MS + 1000);
      }
      await t.app.get(NoticeSender).drain(seeded.a.id);
      await expectSent(users, 1);
    });

    it('gives up a notice whose senders keep being killed while they send it, and only that one', async () => {
      const [poison, ...others] = await dueUsers(3);
      await planRun(t, seeded.a);
      const store = t.app.get(OutboxStore);
      for (let crash = 0; crash < 30; crash++) {
        const batch = await store.claim(t.clock.now(), 10, seeded.a.id);
        const inFlight = batch.find((r) => r.ibUserId === poison.ibUser.id);
        expect(await store.begin(inFlight as NoticeOutbox)).toBe(true); // … and the process dies here
        t.clock.advance(LEASE_MS + 1000);
      }
      await t.app.get(NoticeSender).drain(seeded.a.id);
      expect(SmtpSink.recipients(smtp.take())).toEqual(
        others.map((u) => u.ibUser.email as string).sort(),
      );
      expect(await rowOf(poison)).toMatchObject({
        status: 'given_up',
        attempts: 31,
        statusReason: expect.stringContaining('30回送信を試みても'),
      });
      expect(
        (await Promise.all(others.map(rowOf))).map((r) => r.attempts),
      ).toEqual([1, 1]);
    });

    it('renders again at once when a busy process cut a render off at the time limit, instead of putting the notice back', async () => {
      const [user] = await dueUsers(1);
      await planRun(t, seeded.a);
      let cutOff: unknown;
      try {
        new Liquid({ renderLimit: 1 }).parseAndRenderSync(
          '{% for i in (1..300000) %}{{ i }}{% endfor %}',
          {},
        );
      } catch (error) {
        cutOff = error;
      }
      // Twice "render limit exceeded" at once (a process waiting for a core), then the real render.
      jest
        .mocked(renderNotice)
        .mockImplementationOnce(() => {
          throw cutOff;
        })
        .mockImplementationOnce(() => {
          throw cutOff;
        });
      await t.app.get(NoticeSender).drain(seeded.a.id);
      expect(SmtpSink.recipients(smtp.take())).toEqual([user.ibUser.email]);
      expect(await rowOf(user)).toMatchObject({ status: 'sent', attempts: 1 });
    });

    // PostgreSQL: two Nest applications (two API processes) on one database. SQLite is one process by design
    // (one writer per file): there, two dispatchers race inside the one process, through its gate.
    it('sends each notice once when two dispatchers (two API processes on PostgreSQL) run at the same time', async () => {
      const other =
        db.name === 'postgres'
          ? await createTestApp(t.config.database, {
              env: { SMTP_URL: smtp.server.url },
            })
          : t;
      try {
        other.clock.set(t.clock.now());
        const users = [
          ...(await dueUsers(30, seeded.a)),
          ...(await dueUsers(10, seeded.b)),
        ];
        // Both start the daily run and drain the outbox concurrently.
        const [ranHere, ranThere] = await Promise.all([
          t.app.get(NoticeRunsService).runDaily(),
          other.app.get(NoticeRunsService).runDaily(),
        ]);
        await Promise.all([
          t.app.get(NoticeSender).drain(),
          other.app.get(NoticeSender).drain(),
        ]);
        expect(ranHere + ranThere).toBe(2); // one daily run per credit union
        const mails = smtp.take();
        expect(SmtpSink.recipients(mails)).toEqual(
          users.map((u) => u.ibUser.email as string).sort(),
        );
        expect(new Set(mails.map((m) => m.messageId)).size).toBe(40);
        // Planning raced too: still one row per (certificate, milestone).
        expect(
          await outbox().count({
            where: users.map((u) => ({ ibUserId: u.ibUser.id })),
          }),
        ).toBe(40);

        // Senders racing over rows queued beforehand take disjoint rows.
        const more = await dueUsers(40);
        await planRun(t, seeded.a);
        const [here, there] = await Promise.all([
          t.app.get(NoticeSender).drain(),
          other.app.get(NoticeSender).drain(),
        ]);
        expect(here.sent + there.sent).toBe(40);
        expect(SmtpSink.recipients(smtp.take())).toEqual(
          more.map((u) => u.ibUser.email as string).sort(),
        );
      } finally {
        if (other !== t) await other.close();
      }
    });

    it('queues the reissue-ready mail once per reissue and sends it while the reissue stays authorized', async () => {
      const user = await addIbUser(t, seeded.a, {
        expiry: null,
        reissue: 'authorized',
      });
      const queue = t.app.get(ReissueNoticeQueue);
      const reissueId = randomUUID();
      const acquisitionDeadline = addDays(t.clock.today(), 80);
      for (let i = 0; i < 2; i++) {
        await t.dataSource.transaction((manager) =>
          queue.enqueue(manager, {
            reissueId,
            ibUser: user.ibUser,
            acquisitionDeadline,
          }),
        );
      }
      queue.kick(seeded.a.id);
      await t.app.get(NoticeJobs).idle();
      const mails = smtp.take();
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toBe('電子証明書再発行手続き完了のご案内');
      expect(mails[0].text).toContain('2027年2月19日(金)まで');
      const stale = await addIbUser(t, seeded.a, {
        expiry: null,
        reissue: null,
      });
      await t.dataSource.transaction((manager) =>
        queue.enqueue(manager, {
          reissueId: randomUUID(),
          ibUser: stale.ibUser,
          acquisitionDeadline,
        }),
      );
      await t.app.get(NoticeSender).drain(seeded.a.id);
      expect(smtp.take()).toEqual([]);
      expect(await rowOf(stale)).toMatchObject({ status: 'cancelled' });
      expect(
        (
          await t.dataSource
            .getRepository(IbUser)
            .findOneByOrFail({ id: user.ibUser.id })
        ).reissueState,
      ).toBe('authorized');
    });
  },
);
