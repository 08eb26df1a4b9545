/**
 * A sender process for the crash test (notice-crash.e2e-spec.ts): boots the notice module on the
 * database and SMTP server named by the environment (DATABASE_URL, SMTP_URL, CERTDESK_NOW), says
 * `ready`, waits for a line on stdin (so the test can boot the next sender while this one runs),
 * drains the outbox, prints the counts and exits — unless the test kills it with SIGKILL first.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuditModule } from '../../audit/audit.module';
import { FOUNDATION_MODULES } from '../../infra/foundation-modules';
import { TenancyModule } from '../../infra/tenancy/tenancy.module';
import { NoticeSender } from '../dispatch/notice-sender';
import { NoticesModule } from '../notices.module';

@Module({
  imports: [...FOUNDATION_MODULES, AuditModule, TenancyModule, NoticesModule],
})
class SenderChildModule {}

async function main(): Promise<void> {
  const ctx = await NestFactory.createApplicationContext(SenderChildModule, {
    logger: ['error'],
  });
  process.stdout.write('ready\n');
  await new Promise((go) => process.stdin.once('data', go));
  process.stdin.destroy();
  const result = await ctx.get(NoticeSender).drain();
  process.stdout.write(`${JSON.stringify(result)}\n`);
  await ctx.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
