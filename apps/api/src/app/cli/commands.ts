import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { Clock } from '../infra/clock/clock';
import { AppConfig } from '../infra/config/config';
import { APP_CONFIG } from '../infra/config/app-config.module';
import { CustomerImportService } from '../import/customer-import.service';
import { removalLines } from '../import/import-removals';
import { DEMO_SEED } from '../seed/demo-data.service';
import { SeedService } from '../seed/seed.service';
import { intOption, Options } from './args';
import type { CommandEntry } from './run-command';
import { createAdminCommand } from '../staff/create-admin.command';
import { caImportToTokenCommand, caInitCommand } from '../pki/ca-init.command';

export type Command = (
  ctx: INestApplicationContext,
  options: Options,
) => Promise<number>;

/** `npm run seed -- --credit-unions 3 --customers 1000 [--certificates 1000000] [--seed 1] [--first-code 1001] [--demo-staff]` */
const seed: Command = async (ctx, options) => {
  const clock = ctx.get(Clock);
  const creditUnions = intOption(
    options,
    'credit-unions',
    DEMO_SEED.creditUnions,
    1,
  );
  const certificates = options.has('certificates')
    ? intOption(options, 'certificates', 0, 1)
    : undefined;
  const result = await ctx.get(SeedService).seed(
    {
      seed: intOption(options, 'seed', DEMO_SEED.seed),
      creditUnions,
      customersPerCreditUnion: intOption(
        options,
        'customers',
        DEMO_SEED.customersPerCreditUnion,
        1,
      ),
      certificatesPerCreditUnion:
        certificates === undefined
          ? undefined
          : Math.ceil(certificates / creditUnions),
      firstCode: intOption(options, 'first-code', DEMO_SEED.firstCode, 1),
      today: clock.today(),
      now: clock.now(),
    },
    options.has('demo-staff')
      ? ctx.get<AppConfig>(APP_CONFIG).demoPassword
      : null,
  );
  console.log(
    `投入完了: 信用金庫 ${result.creditUnions.join(', ')} / ご契約先 ${result.customers} / IB利用者 ${result.ibUsers} / ` +
      `電子証明書 ${result.certificates} / 職員 ${result.staff} — ${result.seconds.toFixed(1)} 秒 ` +
      `(${Math.round(result.certificates / Math.max(result.seconds, 0.001))} 証明書/秒)`,
  );
  return 0;
};

/** `npm run import -- --file customers.csv [--dry-run] [--full]` (--full: the credit union's full extract) */
const importCustomers: Command = async (ctx, options) => {
  const file = options.get('file');
  if (typeof file !== 'string')
    throw new Error('--file で取り込むCSVファイルを指定してください');
  const content = readFileSync(file);
  const report = await ctx.get(CustomerImportService).importFile(content, {
    dryRun: options.has('dry-run'),
    full: options.has('full'),
    file: {
      name: basename(file),
      sha256: createHash('sha256').update(content).digest('hex'),
    },
  });
  if (!report.ok) {
    console.error(
      `取り込みを中止しました（何も書き込んでいません）。${report.errors.length} 件の誤りがあります:`,
    );
    for (const e of report.errors) console.error(`  ${e.message}`);
    return 1;
  }
  const c = report.created;
  console.log(
    `取り込み${options.has('dry-run') ? '確認（書き込みなし）' : '完了'}: ${report.lines} 行（文字コード ${report.encoding}）` +
      ` — 新規: 信用金庫 ${c.creditUnions}, 店 ${c.branches}, ご契約先 ${c.customers}, IB利用者 ${c.ibUsers}, 電子証明書 ${c.certificates}` +
      ` / 更新: ご契約先 ${report.updated.customers}, IB利用者 ${report.updated.ibUsers} / 変更なし ${report.unchanged}`,
  );
  for (const line of removalLines(report, options.has('dry-run')))
    console.log(line);
  return 0;
};

/** The commands that run in a Nest context, with the options each takes (parsed by node:util parseArgs). */
export const COMMANDS: Record<string, CommandEntry> = {
  seed: {
    options: {
      'credit-unions': 'string',
      customers: 'string',
      certificates: 'string',
      seed: 'string',
      'first-code': 'string',
      'demo-staff': 'boolean',
    },
    run: seed,
  },
  import: {
    options: { file: 'string', 'dry-run': 'boolean', full: 'boolean' },
    run: importCustomers,
  },
  'create-admin': {
    options: {
      'credit-union': 'string',
      username: 'string',
      'display-name': 'string',
    },
    run: createAdminCommand,
  },
  'ca-init': { options: {}, run: caInitCommand },
  'ca-import-to-token': {
    options: { 'credit-union': 'string' },
    run: caImportToTokenCommand,
  },
};
