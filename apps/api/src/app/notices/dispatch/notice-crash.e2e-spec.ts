import { SeededTenants } from '../../../testing/staff-browser';
import { TestApp } from '../../../testing/test-app';
import { testDatabases } from '../../../testing/test-database';
import { quietAllUsers, planRun } from '../testing/notice-fixtures';
import { bootSender } from '../testing/sender-process';
import { SmtpSink } from '../testing/smtp-sink';
import { NoticeOutbox } from './notice-outbox.entity';
import { LEASE_MS } from './notice-outbox.repository';
import {
  addDueUsers,
  databaseUrlOf,
  startMailingApp,
} from '../testing/mailing-app';

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
      const app = await startMailingApp(db, smtp);
      ({ t, seeded, drop } = app);
      await quietAllUsers(t);
      env = {
        DATABASE_URL: databaseUrlOf(app.config),
        // A test process on PostgreSQL too: pinned clock, demo audit key (production would refuse both).
        CERTDESK_MODE: 'demo',
        SMTP_URL: app.smtpUrl,
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
      const users = await addDueUsers(t, seeded.a, NOTICES, 1);
      const { run, planned } = await planRun(t, seeded.a);
      expect(planned).toBe(NOTICES);
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
