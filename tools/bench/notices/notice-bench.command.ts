import { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import type { Command } from '../../../apps/api/src/app/cli/commands';
import { intOption } from '../../../apps/api/src/app/cli/args';
import { CreditUnion } from '../../../apps/api/src/app/credit-unions/credit-union.entity';
import { Clock } from '../../../apps/api/src/app/infra/clock/clock';
import { SeedService } from '../../../apps/api/src/app/seed/seed.service';
import { NoticePlanner } from '../../../apps/api/src/app/notices/dispatch/notice-planner';
import { NoticeRun } from '../../../apps/api/src/app/notices/dispatch/notice-run.entity';
import {
  CLAIM_BATCH,
  NoticeSender,
} from '../../../apps/api/src/app/notices/dispatch/notice-sender';
import { OutboxStore } from '../../../apps/api/src/app/notices/dispatch/notice-outbox.repository';
import { SmtpEndpoint } from '../../../apps/api/src/app/notices/mail/mailer';
import { NoticeBenchRepository } from './notice-bench.repository';

const seconds = (started: number) => (performance.now() - started) / 1000;
const n = (x: number) => x.toLocaleString('en-US');

/** Plans every credit union's run for today; returns totals and seconds. */
async function planAll(
  ctx: INestApplicationContext,
  creditUnions: CreditUnion[],
): Promise<{ candidates: number; planned: number; seconds: number }> {
  const bench = NoticeBenchRepository.of(ctx);
  const clock = ctx.get(Clock);
  const totals = { candidates: 0, planned: 0, seconds: 0 };
  const started = performance.now();
  for (const cu of creditUnions) {
    const run: NoticeRun = {
      id: randomUUID(),
      creditUnionId: cu.id,
      trigger: 'manual',
      scheduleKey: null,
      businessDate: clock.today(),
      phase: 'planning',
      requestedBy: 'bench',
      candidates: 0,
      planned: 0,
      error: null,
      startedAt: clock.now(),
      finishedAt: null,
    };
    await bench.insertRun(run);
    const result = await ctx
      .get(NoticePlanner)
      .plan(cu, run.id, run.businessDate);
    totals.candidates += result.candidates;
    totals.planned += result.planned;
  }
  totals.seconds = seconds(started);
  return totals;
}

/**
 * `npm run bench:notices -- [--certificates 1000000] [--mails 5000] [--reset]`: seeds an empty
 * database with the certificates (4 credit unions), times the notice planning (first run, then the
 * steady-state run that finds nothing new) and the sending of `--mails` mails into the SMTP server
 * (the in-process one unless SMTP_URL is set). `--reset` first deletes every notice and run (bench
 * databases only).
 */
export const benchNoticesCommand: Command = async (ctx, options) => {
  const bench = NoticeBenchRepository.of(ctx);
  const clock = ctx.get(Clock);
  const certificates = intOption(options, 'certificates', 1_000_000, 1);
  const mails = intOption(options, 'mails', 5_000, 1);
  if (await bench.hasNotices()) {
    if (!options.has('reset'))
      throw new Error(
        '通知が既にあります。ベンチマーク用のデータベースなら --reset で通知と実行履歴を消してから測定します',
      );
    await bench.reset();
  }
  if (!(await bench.hasCertificates())) {
    console.log(`電子証明書 ${n(certificates)} 件を投入します（信用金庫 4）…`);
    const seeded = await ctx.get(SeedService).seed(
      {
        seed: 20261201,
        creditUnions: 4,
        customersPerCreditUnion: 1,
        certificatesPerCreditUnion: Math.ceil(certificates / 4),
        firstCode: 1001,
        today: clock.today(),
        now: clock.now(),
      },
      null,
    );
    console.log(
      `投入完了: ${n(seeded.certificates)} 件 — ${seeded.seconds.toFixed(1)} 秒`,
    );
  }
  const total = await bench.certificateCount();
  const creditUnions = await bench.creditUnionsByCode();
  const db = bench.databaseName;

  const load = () => loadavg()[0].toFixed(1);
  console.log(`ロードアベレージ（開始時、1分）: ${load()}`);
  const first = await planAll(ctx, creditUnions);
  console.log(
    `計画（初回）: 電子証明書 ${n(total)} 件 / ${db} / 業務日 ${clock.today()} → 候補 ${n(first.candidates)} 件、通知 ${n(first.planned)} 件 — ${first.seconds.toFixed(2)} 秒`,
  );
  const steady = await planAll(ctx, creditUnions);
  console.log(
    `計画（2回目・新規なし）: 候補 ${n(steady.candidates)} 件、通知 ${n(steady.planned)} 件 — ${steady.seconds.toFixed(2)} 秒`,
  );

  const endpoint = ctx.get(SmtpEndpoint);
  const target = endpoint.usesLocalServer
    ? `プロセス内SMTPサーバー ${await endpoint.url()}`
    : 'SMTP_URL のサーバー';
  const sender = ctx.get(NoticeSender);
  const store = ctx.get(OutboxStore);
  let sent = 0;
  const started = performance.now();
  while (sent < mails) {
    // Claims as the worker's drain does (CLAIM_BATCH rows at a time).
    const rows = await store.claim(
      clock.now(),
      Math.min(CLAIM_BATCH, mails - sent),
    );
    if (rows.length === 0) break;
    sent += (await sender.sendClaimed(rows)).filter((s) => s === 'sent').length;
  }
  const elapsed = seconds(started);
  console.log(
    `送信: ${n(sent)} 通 → ${target} — ${elapsed.toFixed(2)} 秒（${Math.round(sent / Math.max(elapsed, 0.001))} 通/秒、1送信者・同時1通）`,
  );
  console.log(`ロードアベレージ（終了時、1分）: ${load()}`);
  return 0;
};
