import { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { App } from 'supertest/types';
import { FindOptionsWhere, IsNull, Not } from 'typeorm';
import { SeededTenants, StaffBrowser } from '../../../testing/staff-browser';
import { TEST_CA_KEY_PASSPHRASE, TestApp } from '../../../testing/test-app';
import { testDatabases } from '../../../testing/test-database';
import { ROOT, spawnTs } from '../../../testing/ts-process';
import { AuditEvent } from '../../audit/audit-event.entity';
import { StaffUser } from '../../staff/staff-user.entity';
import { insertRun, quietAllUsers } from '../testing/notice-fixtures';
import { SmtpSink } from '../testing/smtp-sink';
import { NoticeOutbox } from './notice-outbox.entity';
import { NoticeRun } from './notice-run.entity';
import {
  addDueUsers,
  databaseUrlOf,
  startMailingApp,
} from '../testing/mailing-app';

const MAIN = join(ROOT, 'apps/api/src/main.ts');

interface ApiProcess {
  child: ChildProcess;
  url: string;
  exited: Promise<unknown>;
}

/**
 * A port that is free now and that nothing else should take before the API listens on it (its boot
 * under ts-node takes a minute or more on a busy machine): outside the kernel's ephemeral range
 * (32768–60999 here), which every outgoing connection and every supertest server of the other test
 * sessions on this machine draw from.
 */
async function quietPort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const server = createServer();
    const free = await new Promise<boolean>((done) => {
      server.once('error', () => done(false));
      server.listen(port, '127.0.0.1', () => done(true));
    });
    if (free) {
      await new Promise((done) => server.close(done));
      return port;
    }
  }
}

/**
 * The real API (main.ts, the notice worker on) as a process of its own; resolves once it answers,
 * recognised by its pinned instant (`env.CERTDESK_NOW`), so an answer from some other server that
 * took the port cannot pass for it. A process that exits first (the port taken after all) is
 * started again on another port, twice at most.
 */
async function startApi(env: Record<string, string>): Promise<ApiProcess> {
  for (let start = 1; ; start++) {
    const port = await quietPort();
    const child = spawnTs(MAIN, { ...env, PORT: String(port) }, [
      'ignore',
      'inherit',
      'inherit',
    ]);
    let code: number | null | undefined;
    const exited = new Promise((done) =>
      child.once('exit', (c) => {
        code = c;
        done(c);
      }),
    );
    const url = `http://127.0.0.1:${port}`;
    const ours = async () => {
      const res = await fetch(`${url}/api/health`, {
        signal: AbortSignal.timeout(10_000),
      }).catch(() => null);
      const body = res?.ok ? ((await res.json()) as { now?: string }) : null;
      return body?.now === new Date(env['CERTDESK_NOW']).toISOString();
    };
    while (code === undefined && !(await ours()))
      await new Promise((r) => setTimeout(r, 250));
    if (code === undefined) return { child, url, exited };
    if (start === 3)
      throw new Error(`the API process exited (${code}) before it answered`);
    console.warn(`the API process on port ${port} exited (${code}): again`);
  }
}

/**
 * Polls `read` until it returns `done`, for as long as its answer keeps changing: on a shared
 * machine the processes may take many minutes, but two minutes without any change means they have
 * stopped. Returns the last answer (the assertions that follow say what is missing).
 */
async function whileMoving(
  read: () => Promise<string>,
  done: string,
): Promise<string> {
  let last = await read();
  let moved = Date.now();
  while (last !== done && Date.now() - moved < 120_000) {
    await new Promise((r) => setTimeout(r, 500));
    const now = await read();
    if (now !== last) [last, moved] = [now, Date.now()];
  }
  return last;
}

/**
 * Two real API processes (PostgreSQL; SQLite serves one process, so there one) on one database,
 * both with the notice worker on and the clock pinned by CERTDESK_NOW, mailing to a real SMTP server.
 */
describe.each(testDatabases())(
  'real API processes on one $name database',
  (db) => {
    const processes = db.name === 'postgres' ? 2 : 1;
    const due = db.name === 'postgres' ? 2000 : 200;
    const smtp = new SmtpSink();
    const apis: ApiProcess[] = [];
    let t: TestApp;
    let drop: () => Promise<void>;
    let seeded: SeededTenants;
    let staleRunId: string;

    const audits = (where: FindOptionsWhere<AuditEvent>) =>
      t.dataSource.getRepository(AuditEvent).countBy(where);
    const browser = (api: ApiProcess) =>
      new StaffBrowser(api.url as unknown as App);

    beforeAll(async () => {
      const app = await startMailingApp(db, smtp);
      ({ t, seeded, drop } = app);
      await quietAllUsers(t);
      await addDueUsers(t, seeded.a, due, 50);
      // 1002's daily run of today, left unfinished an hour ago by a process that died.
      staleRunId = (
        await insertRun(t, seeded.b.id, {
          trigger: 'schedule',
          scheduleKey: t.clock.today(),
          phase: 'sending',
          startedAt: new Date(t.clock.now().getTime() - 60 * 60_000),
        })
      ).id;
      const env = {
        DATABASE_URL: databaseUrlOf(app.config),
        CERTDESK_MODE: 'demo',
        DEMO_DATA: 'off',
        // Both on the test's instant, a few milliseconds on (the same date and time for every rule),
        // so that startApi recognises them by it.
        CERTDESK_NOW: new Date(
          t.clock.now().getTime() + 1 + Math.floor(Math.random() * 999),
        ).toISOString(),
        SMTP_URL: app.smtpUrl,
        NOTICE_WORKER: 'on',
        CA_KEY_PASSPHRASE: TEST_CA_KEY_PASSPHRASE,
        IB_TLS_PORT: 'off',
        CONSOLE_DIR: '',
        IB_PORTAL_DIR: '',
        AUDIT_WATCH: 'off',
        LOG_LEVEL: 'warn',
        DATABASE_POOL_SIZE: '5',
      };
      const booting = Date.now();
      // Each kept as soon as it answers, so that afterAll stops it even if the other never does.
      await Promise.all(
        Array.from({ length: processes }, async () =>
          apis.push(await startApi(env)),
        ),
      );
      console.log(
        `${db.name}: ${due} due notices seeded, then ${processes} API process(es) answering after ${((Date.now() - booting) / 1000).toFixed(0)} s`,
      );
      // Seeding and two boots under ts-node: minutes when the machine is shared.
    }, 900_000);
    afterAll(async () => {
      for (const api of apis) api.child.kill('SIGTERM');
      const grace = setTimeout(() => {
        for (const api of apis) api.child.kill('SIGKILL');
      }, 10_000);
      await Promise.all(apis.map((api) => api.exited));
      clearTimeout(grace);
      await t?.close();
      await drop?.();
      await smtp.stop();
    }, 60_000);

    it(`mails each of ${due} due notices exactly once, records the daily run once and resumes the stale run in one process`, async () => {
      const outbox = t.dataSource.getRepository(NoticeOutbox);
      const count = (sent: boolean) =>
        outbox.countBy({
          creditUnionId: seeded.a.id,
          ...(sent ? { sentAt: Not(IsNull()) } : {}),
        });
      const started = Date.now();
      const sent = await whileMoving(
        async () => `${await count(false)}/${await count(true)}`,
        `${due}/${due}`,
      );
      // The process that ran each run records its end after its last batch.
      const ended = await whileMoving(
        async () =>
          `${await t.dataSource.getRepository(NoticeRun).countBy({ phase: 'done' })}/${await audits({ action: 'notice_run.finish' })}`,
        '2/2',
      );
      console.log(
        `${db.name}: planned/sent ${sent}, runs done/finish audits ${ended} after ${((Date.now() - started) / 1000).toFixed(0)} s`,
      );
      await new Promise((r) => setTimeout(r, 1000)); // a duplicate would arrive now
      const rows = await outbox.findBy({ creditUnionId: seeded.a.id });
      expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);
      expect(rows).toHaveLength(due);
      const mails = smtp.take();
      const recipients = SmtpSink.recipients(mails);
      expect(new Set(recipients).size).toBe(due);
      expect(recipients).toHaveLength(due);

      const runs = await t.dataSource.getRepository(NoticeRun).find();
      const daily = runs.find((r) => r.creditUnionId === seeded.a.id);
      expect(runs).toHaveLength(2);
      expect(daily?.phase).toBe('done');
      expect(daily?.planned).toBe(due);
      expect(
        await audits({ action: 'notice_run.start', targetId: daily?.id }),
      ).toBe(1);
      expect(
        await audits({ action: 'notice_run.finish', targetId: daily?.id }),
      ).toBe(1);
      expect(
        await audits({ action: 'notice_run.resume', targetId: staleRunId }),
      ).toBe(1);
      expect(
        await audits({ action: 'notice_run.finish', targetId: staleRunId }),
      ).toBe(1);
    }, 1_800_000);

    it('honours and ends a session made on one process on the other, where it was kept', async () => {
      const [one, two] = [apis[0], apis[apis.length - 1]];
      const a = browser(one);
      expect((await a.login(seeded.username('manager', seeded.a))).status).toBe(
        200,
      );
      const b = browser(two);
      for (const [name, value] of a.cookies) b.cookies.set(name, value);
      expect((await b.get('/api/auth/me')).status).toBe(200);
      // The first process keeps its session check from here on (auth/session-cache.ts) …
      expect((await a.get('/api/dashboard')).status).toBe(200);
      expect((await b.post('/api/auth/logout')).status).toBeLessThan(300);
      // … until PostgreSQL delivers the log-out's notification to it (SQLite: one process, at once).
      const deadline = Date.now() + 2000;
      let status = (await a.get('/api/dashboard')).status;
      while (status !== 401 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        status = (await a.get('/api/dashboard')).status;
      }
      expect(status).toBe(401);
    }, 300_000); // a log-in checks an argon2id hash: seconds on a loaded machine

    it('locks an account at the 10th wrong password whichever process each one reached', async () => {
      const username = seeded.username('compliance', seeded.a);
      const staff = () =>
        t.dataSource.getRepository(StaffUser).findOneByOrFail({ username });
      const wrong = (i: number) =>
        browser(apis[i % apis.length]).login(username, 'not-the-password-1');
      for (let i = 0; i < 9; i++) expect((await wrong(i)).status).toBe(401);
      expect((await staff()).lockedUntil).toBeNull();
      expect((await wrong(9)).status).toBe(401);
      expect((await staff()).lockedUntil).not.toBeNull();
      // Locked now: the right password is refused on every process.
      for (const api of apis)
        expect((await browser(api).login(username)).status).toBe(401);
      // Locked once, by whichever process counted the 10th.
      expect(
        await audits({ action: 'auth.locked', targetId: (await staff()).id }),
      ).toBe(1);
    }, 300_000);

    it('refuses the 31st failed log-in from one address whichever process counted the first 30', async () => {
      const address = '198.51.100.31';
      const from = (i: number) =>
        new StaffBrowser(apis[i % apis.length].url as unknown as App, address);
      // Unknown usernames: no account locks, only the address counts.
      const wrong = (i: number) =>
        from(i).login(`nobody-${i}`, 'not-the-password-1');
      for (let i = 0; i < 29; i++) expect((await wrong(i)).status).toBe(401);
      // The 30th and 31st…39th at once, over both processes: exactly one more is checked.
      const burst = await Promise.all(
        Array.from({ length: 10 }, (_, k) => wrong(29 + k)),
      );
      expect(burst.map((r) => r.status).sort()).toEqual([
        401,
        ...Array<number>(9).fill(429),
      ]);
      // Even the right password is refused from that address on every process, not from another.
      const username = seeded.username('branch_staff', seeded.b);
      for (let i = 0; i < apis.length; i++)
        expect((await from(i).login(username)).status).toBe(429);
      expect(
        (await browser(apis[apis.length - 1]).login(username)).status,
      ).toBe(200);
      // 33 password checks (argon2id) one after another: minutes on a loaded machine.
    }, 300_000);
  },
);
