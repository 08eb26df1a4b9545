import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { In } from 'typeorm';
import type { Mailbox } from '@certdesk/contracts';
import { RequirePermission } from '../../auth/permissions.decorator';
import { AppError } from '../../infra/http/app-error';
import { TenantScope } from '../../infra/tenancy/tenant-scope';
import { NoticeOutbox } from '../dispatch/notice-outbox.entity';
import { SmtpEndpoint } from './mailer';

/** `<uuid@domain>` → uuid (our Message-IDs are derived from the notice id). */
function noticeIdOf(messageId: string | null): string | null {
  return /^<([0-9a-f-]{36})@/i.exec(messageId ?? '')?.[1] ?? null;
}

/**
 * 受信メール（デモ用）: what the in-process SMTP server received, newest first, limited to the
 * notices of the manager's own credit union. Only when `SMTP_URL` is unset (404 otherwise).
 */
@ApiTags('notices')
@Controller('dev/mailbox')
export class MailboxController {
  constructor(
    private readonly endpoint: SmtpEndpoint,
    private readonly tenant: TenantScope,
  ) {}

  @Get()
  @RequirePermission('notices.run')
  @ApiOkResponse({
    description:
      'Mails the local SMTP server received (demo only; the last 500 of the process).',
  })
  async list(): Promise<Mailbox> {
    if (!this.endpoint.usesLocalServer)
      throw new AppError('local_mailbox_unused');
    const local = await this.endpoint.localServer();
    const mails = local.messages().reverse();
    const ids = [
      ...new Set(
        mails
          .map((m) => noticeIdOf(m.messageId))
          .filter((id): id is string => id !== null),
      ),
    ];
    const own = ids.length
      ? new Set(
          (
            await this.tenant
              .repository(NoticeOutbox)
              .find({ select: { id: true }, where: { id: In(ids) } })
          ).map((r) => r.id),
        )
      : new Set<string>();
    return {
      smtp: { host: '127.0.0.1', port: local.port },
      messages: mails
        .filter((m) => own.has(noticeIdOf(m.messageId) ?? ''))
        .map((m) => ({
          messageId: m.messageId,
          from: m.from,
          to: m.to,
          subject: m.subject,
          text: m.text,
          receivedAt: m.receivedAt.toISOString(),
        })),
    };
  }
}
