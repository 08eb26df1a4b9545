/**
 * `npm run bench:crash -- [--notices 10000] [--kills 20] [--database postgres|sqlite]`: the notice
 * crash test at scale. Plans `--notices` due notices on a fresh database (PostgreSQL at
 * TEST_DATABASE_URL / BENCH_DATABASE_URL when set, else SQLite), then runs sender processes
 * (notices/testing/sender-child.ts) one after another, killing each with SIGKILL while it sends,
 * `--kills` times; a last sender finishes. Prints lost notices (target 0), duplicates (target ≤ kills)
 * and timings. A figure, not a test: it is not part of `npm test`.
 */
import 'reflect-metadata';
// First: config.ts and secrets-config.ts import each other, and config.ts must be the one that starts
// (loaded from secrets-config.ts, its schema would read MIN_CA_KEY_PASSPHRASE_LENGTH before it is set).
import '../app/infra/config/config';
import { loadavg } from 'node:os';
import { NoticeOutbox } from '../app/notices/dispatch/notice-outbox.entity';
import { LEASE_MS } from '../app/notices/dispatch/notice-outbox.repository';
import { planRun, quietAllUsers } from '../app/notices/testing/notice-fixtures';
import { bootSender } from '../app/notices/testing/sender-process';
import { SmtpSink } from '../app/notices/testing/smtp-sink';
import { seedTwoCreditUnions } from './staff-browser';
import { createTestApp } from './test-app';
import { testDatabases } from './test-database';
import { addDueUsers, databaseUrlOf } from '../app/notices/testing/mailing-app';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** The 1, 5 and 15-minute load averages. */
const loadNow = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');

async function main(): Promise<void> {
  const notices = Number(option('notices', '10000'));
  const kills = Number(option('kills', '20'));
  process.env['TEST_DATABASE_URL'] ??= process.env['BENCH_DATABASE_URL'];
  const wanted = option(
    'database',
    process.env['TEST_DATABASE_URL'] ? 'postgres' : 'sqlite',
  );
  const db = testDatabases().find((d) => d.name === wanted);
  if (!db) throw new Error(`no ${wanted} database (set TEST_DATABASE_URL)`);

  const loadAtStart = loadNow();
  const smtp = new SmtpSink(notices + kills * 50);
  const smtpUrl = await smtp.start();
  const created = await db.create();
  const t = await createTestApp(created.config, { env: { SMTP_URL: smtpUrl } });
  const started = Date.now();
  try {
    const seeded = await seedTwoCreditUnions(t);
    await quietAllUsers(t);
    await addDueUsers(t, seeded.a, notices, 100);
    const { run, planned } = await planRun(t, seeded.a);
    const prepared = Date.now();
    console.log(
      `${db.name}: ${planned} notices planned in ${((prepared - started) / 1000).toFixed(1)} s`,
    );

    const env = {
      DATABASE_URL: databaseUrlOf(created.config),
      SMTP_URL: smtpUrl,
      NOTICE_WORKER: 'off',
      // A PostgreSQL start is production unless told otherwise (which needs keys this bench has not).
      CERTDESK_MODE: 'demo',
      DEMO_DATA: 'off',
      LOG_FORMAT: 'text',
      LOG_LEVEL: 'error',
    };
    // Each restart comes after the killed sender's lease has expired; the next one boots meanwhile.
    const at = (restart: number) =>
      new Date(t.clock.now().getTime() + restart * (LEASE_MS + 60_000));
    const share = Math.floor(notices / (kills + 1));
    let next = bootSender(env, at(0));
    for (let kill = 0; kill < kills; kill++) {
      const current = next;
      await current.ready;
      const before = smtp.messages().length;
      current.go();
      next = bootSender(env, at(kill + 1));
      // Killed somewhere in its share, mid-send (the SMTP server answers each mail after 2 ms).
      const after = before + 1 + Math.floor(Math.random() * share);
      smtp.server.acceptDelayMs = 2;
      await new Promise<void>((sending, failed) => {
        const poll = setInterval(() => {
          if (smtp.messages().length < after) return;
          clearInterval(poll);
          sending();
        }, 2);
        void current.exited.then(() => {
          clearInterval(poll);
          failed(new Error(`sender ${kill} finished before it was killed`));
        });
      });
      current.child.kill('SIGKILL');
      await current.exited;
    }
    smtp.server.acceptDelayMs = 0;
    await next.ready;
    next.go();
    if ((await next.exited) !== 0) throw new Error('the last sender failed');
    // A notice put back for a later attempt (a render over its time limit or a mail server error on a
    // starved machine) is not lost: the senders' clocks are pinned, so one more sender runs once the
    // latest such attempt is due (again while some are put back, up to 5 more).
    let boots = kills + 1;
    let clock = at(kills).getTime();
    for (let round = 0; round < 5; round++) {
      const deferred = await t.dataSource
        .getRepository(NoticeOutbox)
        .findBy({ runId: run.id, status: 'pending' });
      if (deferred.length === 0) break;
      clock = Math.max(
        clock,
        ...deferred.map((r) => r.nextAttemptAt.getTime()),
      );
      console.log(
        `${db.name}: ${deferred.length} notice(s) put back for a later attempt (${deferred
          .map(
            (r) =>
              `attempts ${r.attempts}: ${r.statusReason ?? r.lastError ?? ''}`,
          )
          .join('; ')}); one more sender when they are due`,
      );
      const retry = bootSender(env, new Date((clock += 1000)));
      boots++;
      await retry.ready;
      retry.go();
      if ((await retry.exited) !== 0)
        throw new Error('the retry sender failed');
    }

    const mails = smtp.messages();
    const perNotice = new Map<string, number>();
    const id = (messageId: string | null) =>
      (messageId ?? '').replace(/[<>]/g, '');
    for (const mail of mails)
      perNotice.set(
        id(mail.messageId),
        (perNotice.get(id(mail.messageId)) ?? 0) + 1,
      );
    const rows = await t.dataSource
      .getRepository(NoticeOutbox)
      .findBy({ runId: run.id });
    const unsent = rows.filter(
      (r) => r.status !== 'sent' || !perNotice.has(id(r.messageId)),
    );
    for (const r of unsent)
      console.log(
        `${db.name}: not delivered — ${r.id} ${r.status}, attempts ${r.attempts}, ${r.statusReason ?? ''} ${r.lastError ?? ''}`,
      );
    const lost = unsent.length;
    // Tried more than once: the mails in flight when a sender was killed, and any put back.
    const retried = rows.filter((r) => r.attempts > 1).length;
    const duplicates = mails.length - perNotice.size;
    const seconds = (Date.now() - prepared) / 1000;
    console.log(
      `${db.name}: ${planned} notices, ${kills} SIGKILLs → ${lost} lost, ${duplicates} duplicate(s) ` +
        `(target: 0 lost, ≤ ${kills} duplicates) — ${mails.length} mails in ${seconds.toFixed(1)} s ` +
        `including ${boots} sender boots, ${(mails.length / seconds).toFixed(0)} mails/s; ` +
        `${retried} notice(s) tried more than once; ` +
        `load average ${loadAtStart} at the start, ${loadNow()} at the end`,
    );
    if (lost > 0 || duplicates > kills) process.exitCode = 1;
  } finally {
    await t.close();
    await created.drop();
    await smtp.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
