import { randomUUID } from 'node:crypto';
import { addDays } from '@certdesk/domain';
import {
  SeededTenants,
  seedTwoCreditUnions,
} from '../../../testing/staff-browser';
import { createTestApp, TestApp } from '../../../testing/test-app';
import { testDatabases } from '../../../testing/test-database';
import {
  addIbUser,
  FixtureUser,
  quietAllUsers,
} from '../testing/notice-fixtures';
import { bootSender } from '../testing/sender-process';
import { SmtpSink } from '../testing/smtp-sink';
import { NoticeOutbox } from './notice-outbox.entity';
import { NoticePlanner } from './notice-planner';
import { NoticeRun } from './notice-run.entity';
import { LEASE_MS } from './notice-outbox.repository';

const KILLS = 5;
const NOTICES = 120;

describe.each(testDatabases())(
  'sender killed with SIGKILL mid-run on $name',
  (db) => {
    const smtp = new SmtpSink();
    let t: TestApp;
    let drop: () => Promise<void>;
    let seeded: SeededTenants;
    let env: Record<string, string>;

    beforeAll(async () => {
      const url = await smtp.start();
      const created = await db.create();
      drop = created.drop;
      t = await createTestApp(created.config, { env: { SMTP_URL: url } });
      seeded = await seedTwoCreditUnions(t);
      await quietAllUsers(t);
      const database =
        created.config.type === 'postgres'
          ? created.config.url
          : `sqlite:${created.config.file}`;
      env = {
        DATABASE_URL: database,
        // A test process on PostgreSQL too: pinned clock, demo audit key (production would refuse both).
        CERTDESK_MODE: 'demo',
        SMTP_URL: url,
        NOTICE_WORKER: 'off',
        DEMO_DATA: 'off',
        LOG_FORMAT: 'text',
      };
    });
    afterAll(async () => {
      await t?.close();
      await drop?.();
      await smtp.stop();
    });

    it(`loses nothing and duplicates at most one mail per crash over ${KILLS} crashes`, async () => {
      const users: FixtureUser[] = [];
      for (let i = 0; i < NOTICES; i++)
        users.push(
          await addIbUser(t, seeded.a, {
            expiry: addDays(t.clock.today(), 1 + (i % 29)),
          }),
        );
      const run: NoticeRun = {
        id: randomUUID(),
        creditUnionId: seeded.a.id,
        trigger: 'manual',
        scheduleKey: null,
        businessDate: t.clock.today(),
        phase: 'planning',
        requestedBy: null,
        candidates: 0,
        planned: 0,
        error: null,
        startedAt: t.clock.now(),
        finishedAt: null,
      };
      await t.dataSource.getRepository(NoticeRun).insert(run);
      expect(
        (
          await t.app
            .get(NoticePlanner)
            .plan(seeded.a, run.id, run.businessDate)
        ).planned,
      ).toBe(NOTICES);
      smtp.server.acceptDelayMs = 10;
      smtp.take();

      // Each restart comes after the crashed sender's lease has expired; the next sender boots while one runs.
      const at = (restart: number) =>
        new Date(t.clock.now().getTime() + restart * (LEASE_MS + 60_000));
      let next = bootSender(env, at(0));
      for (let kill = 0; kill < KILLS; kill++) {
        const current = next;
        await current.ready;
        const before = smtp.messages().length;
        current.go();
        next = bootSender(env, at(kill + 1));
        await new Promise<void>((sending, failed) => {
          const poll = setInterval(() => {
            if (smtp.messages().length < before + 8) return;
            clearInterval(poll);
            sending();
          }, 5);
          void current.exited.then(() => {
            clearInterval(poll);
            failed(
              new Error(`sender ${kill} finished before it could be killed`),
            );
          });
        });
        current.child.kill('SIGKILL');
        await current.exited;
      }
      smtp.server.acceptDelayMs = 0;
      await next.ready;
      next.go();
      expect(await next.exited).toBe(0);

      const mails = smtp.take();
      const perUser = users.map(
        (u) =>
          mails.filter((m) => m.to.includes(u.ibUser.email as string)).length,
      );
      expect(perUser.filter((n) => n === 0)).toHaveLength(0); // none lost
      const duplicates = mails.length - NOTICES;
      expect(duplicates).toBeGreaterThanOrEqual(0);
      expect(duplicates).toBeLessThanOrEqual(KILLS);
      const rows = await t.dataSource
        .getRepository(NoticeOutbox)
        .findBy({ runId: run.id });
      expect(rows.every((r) => r.status === 'sent')).toBe(true);
      console.log(
        `${db.name}: ${NOTICES} notices, ${KILLS} SIGKILLs, ${duplicates} duplicate(s)`,
      );
    }, 300_000);
  },
);
