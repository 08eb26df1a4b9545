import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import type { App } from 'supertest/types';
import { FindOptionsWhere, IsNull } from 'typeorm';
import { addDays } from '@certdesk/domain';
import {
  SeededTenants,
  seedTwoCreditUnions,
  StaffBrowser,
} from '../../../testing/staff-browser';
import {
  createTestApp,
  TEST_CA_KEY_PASSPHRASE,
  TestApp,
} from '../../../testing/test-app';
import { testDatabases } from '../../../testing/test-database';
import { AuditEvent } from '../../audit/audit-event.entity';
import { StaffUser } from '../../staff/staff-user.entity';
import { addIbUser, quietAllUsers } from '../testing/notice-fixtures';
import { SmtpSink } from '../testing/smtp-sink';
import { NoticeOutbox } from './notice-outbox.entity';
import { NoticeRun } from './notice-run.entity';

const ROOT = resolve(__dirname, '../../../../../..');
const MAIN = join(ROOT, 'apps/api/src/main.ts');

interface ApiProcess {
  child: ChildProcess;
  url: string;
  exited: Promise<unknown>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as { port: number }).port;
  await new Promise((done) => server.close(done));
  return port;
}

/** The real API (main.ts, the notice worker on) as a process of its own; resolves once it listens. */
async function startApi(env: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      MAIN,
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        ...env,
        PORT: String(port),
        TS_NODE_PROJECT: join(ROOT, 'apps/api/tsconfig.spec.json'),
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  let gone = false;
  const exited = new Promise((done) =>
    child.once('exit', (code) => {
      gone = true;
      done(code);
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (gone) throw new Error('the API process exited before it answered');
    const health = await fetch(`${url}/api/health`).catch(() => null);
    if (health?.ok) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return { child, url, exited };
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
      const smtpUrl = await smtp.start();
      const created = await db.create();
      drop = created.drop;
      t = await createTestApp(created.config, { env: { SMTP_URL: smtpUrl } });
      seeded = await seedTwoCreditUnions(t);
      await quietAllUsers(t);
      for (let i = 0; i < due; i += 50)
        await Promise.all(
          Array.from({ length: Math.min(50, due - i) }, (_, k) =>
            addIbUser(t, seeded.a, {
              expiry: addDays(t.clock.today(), 1 + ((i + k) % 29)),
            }),
          ),
        );
      // 1002's daily run of today, left unfinished an hour ago by a process that died.
      staleRunId = randomUUID();
      await t.dataSource.getRepository(NoticeRun).insert({
        id: staleRunId,
        creditUnionId: seeded.b.id,
        trigger: 'schedule',
        scheduleKey: t.clock.today(),
        businessDate: t.clock.today(),
        phase: 'sending',
        requestedBy: null,
        candidates: 0,
        planned: 0,
        error: null,
        startedAt: new Date(t.clock.now().getTime() - 60 * 60_000),
        finishedAt: null,
      });
      const env = {
        DATABASE_URL:
          created.config.type === 'postgres'
            ? created.config.url
            : `sqlite:${created.config.file}`,
        CERTDESK_MODE: 'demo',
        DEMO_DATA: 'off',
        CERTDESK_NOW: t.clock.now().toISOString(),
        SMTP_URL: smtpUrl,
        NOTICE_WORKER: 'on',
        CA_KEY_PASSPHRASE: TEST_CA_KEY_PASSPHRASE,
        IB_TLS_PORT: 'off',
        CONSOLE_DIR: '',
        IB_PORTAL_DIR: '',
        AUDIT_WATCH: 'off',
        LOG_LEVEL: 'warn',
        DATABASE_POOL_SIZE: '5',
      };
      apis.push(
        ...(await Promise.all(
          Array.from({ length: processes }, () => startApi(env)),
        )),
      );
    }, 300_000);
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
      const unsent = () =>
        outbox.countBy({ creditUnionId: seeded.a.id, sentAt: IsNull() });
      // Wait for the last one (generous: on a busy machine the two processes share its cores).
      const deadline = Date.now() + 240_000;
      while (
        ((await outbox.countBy({ creditUnionId: seeded.a.id })) < due ||
          (await unsent()) > 0) &&
        Date.now() < deadline
      )
        await new Promise((r) => setTimeout(r, 500));
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
    }, 300_000);

    it('honours and ends a session made on one process on the other', async () => {
      const [one, two] = [apis[0], apis[apis.length - 1]];
      const a = browser(one);
      expect((await a.login(seeded.username('manager', seeded.a))).status).toBe(
        200,
      );
      const b = browser(two);
      for (const [name, value] of a.cookies) b.cookies.set(name, value);
      expect((await b.get('/api/auth/me')).status).toBe(200);
      expect((await b.post('/api/auth/logout')).status).toBeLessThan(300);
      expect((await a.get('/api/auth/me')).status).toBe(401);
    });

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
