import { DynamicModule, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  generateKeyPair,
  generateKeyPairSync,
  randomUUID,
  sign,
} from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { addYears } from '@certdesk/domain';
import {
  buildCsr,
  checkCsr,
  issueClientCertificate,
  IssuingCa,
  newSerialHex,
  softwareSigner,
} from '@certdesk/pki';
import { forgeSigner } from '../lib/forge-signer';
import { AuditModule } from '../../../apps/api/src/app/audit/audit.module';
import { intOption } from '../../../apps/api/src/app/cli/args';
import { FRESH_IB_USER } from '../../../apps/api/src/app/customers/fresh-ib-user';
import { IbUser } from '../../../apps/api/src/app/customers/ib-user.entity';
import { Clock } from '../../../apps/api/src/app/infra/clock/clock';
import { ClockModule } from '../../../apps/api/src/app/infra/clock/clock.module';
import {
  AppConfig,
  DatabaseConfig,
  loadConfig,
} from '../../../apps/api/src/app/infra/config/config';
import { APP_CONFIG } from '../../../apps/api/src/app/infra/config/app-config.module';
import { DatabaseModule } from '../../../apps/api/src/app/infra/database/database.module';
import { SeedModule } from '../../../apps/api/src/app/seed/seed.module';
import { SeedService } from '../../../apps/api/src/app/seed/seed.service';
import { CertificateAuthorityService } from '../../../apps/api/src/app/pki/certificate-authority.service';
import { CertificateIssuanceService } from '../../../apps/api/src/app/pki/certificate-issuance.service';
import {
  softHsmAvailable,
  temporarySoftHsmToken,
} from '../../../apps/api/src/app/pki/keystore/softhsm';
import { BenchIssueRepository } from './bench-issue.repository';
import { PkiModule } from '../../../apps/api/src/app/pki/pki.module';

type Options = Map<string, string | true>;

/**
 * `npm run bench:issue [-- --count 200] [--postgres postgres://root@127.0.0.1:5432/test] [--token off]`:
 * issuance latency on a throw-away database (a temp SQLite file, or a temp database on that
 * PostgreSQL), next to a bare node:crypto RSA-2048 sign measured in the same run; then, when SoftHSM2
 * and pkcs11js are installed, the same issuance with the CA key on a temporary SoftHSM2 token.
 */
export async function benchIssueCommand(
  ctx: INestApplicationContext,
  options: Options,
): Promise<number> {
  const count = intOption(options, 'count', 200, 10);
  await benchOnce(ctx, options, count, null);
  if (options.get('token') === 'off') return 0;
  if (!softHsmAvailable()) {
    console.log(
      '\n（SoftHSM2 がないため PKCS#11 トークンでの計測は省略しました）',
    );
    return 0;
  }
  const token = temporarySoftHsmToken('certdesk-bench');
  try {
    await benchOnce(ctx, options, count, token.env);
  } finally {
    token.destroy();
  }
  return 0;
}

async function benchOnce(
  ctx: INestApplicationContext,
  options: Options,
  count: number,
  tokenEnv: Record<string, string> | null,
): Promise<void> {
  const postgres = options.get('postgres');
  if (postgres === true)
    throw new Error(
      '--postgres には管理用の接続URL（postgres://…）を指定してください',
    );
  const database = postgres
    ? await temporaryPostgres(postgres)
    : temporarySqlite();
  const config: AppConfig = {
    ...ctx.get<AppConfig>(APP_CONFIG),
    database: database.config,
    fixedNow: null,
    demoData: false,
    caKeyPassphrase: 'bench-ca-key-passphrase-0123456789',
    caKeystore: tokenEnv
      ? loadConfig({ ...tokenEnv, DEMO_DATA: 'off' }).caKeystore
      : { kind: 'software', explicit: true },
  };
  const bench = await NestFactory.createApplicationContext(
    benchModule(config),
    { logger: ['error', 'warn'] },
  );
  try {
    await run(bench, count, database.config.type, tokenEnv !== null);
  } finally {
    await bench.close();
    await database.drop();
  }
}

async function run(
  ctx: INestApplicationContext,
  count: number,
  databaseName: string,
  onToken: boolean,
): Promise<void> {
  const clock = ctx.get(Clock);
  await ctx.get(SeedService).seed(
    {
      seed: 1,
      creditUnions: 1,
      customersPerCreditUnion: 1,
      firstCode: 9001,
      today: clock.today(),
      now: clock.now(),
    },
    null,
  );
  const bench = BenchIssueRepository.of(ctx);
  const { creditUnion, customer } = await bench.creditUnionAndCustomer('9001');
  const ca = await ctx
    .get(CertificateAuthorityService)
    .forCreditUnion(creditUnion.id);
  process.stdout.write(`準備中: RSA-2048 の鍵と CSR を ${count} 件作成…\n`);
  const keys = await Promise.all(
    Array.from({ length: count }, () =>
      promisify(generateKeyPair)('rsa', { modulusLength: 2048 }),
    ),
  );
  const csrs = keys.map(({ privateKey }, i) =>
    buildCsr(privateKey, `bench-${i}`),
  );
  const users = csrs.map((_, i): IbUser => ({
    id: randomUUID(),
    creditUnionId: creditUnion.id,
    customerId: customer.id,
    loginId: `bench${i}`,
    ibRole: 'user',
    name: 'ベンチ',
    nameKana: null,
    email: null,
    ...FRESH_IB_USER,
    createdAt: clock.now(),
    updatedAt: clock.now(),
  }));
  await bench.insertIbUsers(users);

  const tbs = Buffer.alloc(1000, 0x5a); // about a client certificate's TBS
  const checked = checkCsr(csrs[0]);
  if (!checked.ok) throw new Error(checked.reasons.join());
  const pkiIssue =
    (signingCa: IssuingCa = ca) =>
    () =>
      issueClientCertificate({
        ca: signingCa,
        csrPublicKey: checked.request.publicKeyDer,
        subject: { CN: 'bench', OU: '0000001', O: creditUnion.name },
        serialHex: newSerialHex(),
        notBefore: clock.now(),
        expiryDate: addYears(clock.today(), 1),
        crlUrl: 'http://localhost/ib/crl/9001.crl',
      });
  const issuance = ctx.get(CertificateIssuanceService);
  let next = 0;
  const where = onToken ? 'PKCS#11 SoftHSM2' : 'software';
  const softwareOnly = async (): Promise<[string, number[]][]> => [
    ['CSR 検査 checkCsr', await timed(count, () => checkCsr(csrs[0]))],
    // Reference only (these certificates would not verify): other signing keys, same work.
    [
      '（参考）証明書生成 forge 純JS RSA-3072 で署名',
      await timed(
        Math.min(count, 20),
        pkiIssue({
          ...ca,
          signer: forgeSigner(
            generateKeyPairSync('rsa', { modulusLength: 3072 }).privateKey,
          ),
        }),
      ),
    ],
    [
      '（参考）証明書生成 RSA-2048 鍵で署名',
      await timed(
        count,
        pkiIssue({ ...ca, signer: softwareSigner(keys[1].privateKey) }),
      ),
    ],
  ];
  const rows: [string, number[]][] = [
    [
      'node:crypto RSA-2048 署名のみ（基準）',
      await timed(count * 2, () => sign('sha256', tbs, keys[0].privateKey)),
    ],
    [
      `CA の RSA-3072 署名のみ（${where}）`,
      await timed(count, () => ca.signer.sign(tbs)),
    ],
    ...(onToken ? [] : await softwareOnly()),
    [`証明書生成（${where} で署名）`, await timed(count, pkiIssue())],
    // No warm-up here: each call uses up one IB user and one key.
    [
      `発行処理 issue()（検査+${where} 署名+${databaseName}+監査）`,
      await timed(
        count,
        () =>
          issuance.issue({
            ibUserId: users[next].id,
            csrPem: csrs[next++],
            via: 'acquisition',
          }),
        0,
      ),
    ],
  ];
  const base = percentile(rows[0][1], 50);
  console.log(
    `\n電子証明書発行ベンチマーク（${count} 件, ${databaseName}, CA の鍵: ${where}）`,
  );
  for (const [name, samples] of rows) {
    const p50 = percentile(samples, 50);
    console.log(
      `  ${name.padEnd(40)} p50 ${p50.toFixed(2).padStart(8)} ms  p95 ${percentile(samples, 95).toFixed(2).padStart(8)} ms  (基準の ${(p50 / base).toFixed(1)} 倍, n=${samples.length})`,
    );
  }
}

async function timed(
  n: number,
  fn: () => unknown,
  warmUp = 5,
): Promise<number[]> {
  for (let i = 0; i < warmUp; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples;
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

@Module({})
class BenchModule {}

function benchModule(config: AppConfig): DynamicModule {
  const configModule: DynamicModule = {
    module: class BenchConfigModule {},
    global: true,
    providers: [{ provide: APP_CONFIG, useValue: config }],
    exports: [APP_CONFIG],
  };
  return {
    module: BenchModule,
    imports: [
      configModule,
      ClockModule,
      DatabaseModule,
      AuditModule,
      SeedModule,
      PkiModule,
    ],
  };
}

interface TemporaryDatabase {
  config: DatabaseConfig;
  drop(): Promise<void>;
}

function temporarySqlite(): TemporaryDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'certdesk-bench-'));
  return {
    config: { type: 'sqlite', file: join(dir, 'bench.sqlite') },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function temporaryPostgres(adminUrl: string): Promise<TemporaryDatabase> {
  const name = `certdesk_bench_${Date.now().toString(36)}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    config: { type: 'postgres', url: url.toString() },
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
