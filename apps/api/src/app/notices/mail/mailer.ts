import {
  Inject,
  Injectable,
  Logger,
  OnApplicationShutdown,
} from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { Clock } from '../../infra/clock/clock';
import { AppConfig } from '../../infra/config/config';
import { APP_CONFIG } from '../../infra/config/app-config.module';
import { LocalSmtpServer } from './local-smtp-server';

/**
 * Where mail goes: `SMTP_URL`, or an SMTP server inside this process (demo), started on first use
 * (the API starts it at boot, see NoticeWorkerModule; the CLI only if it sends).
 */
@Injectable()
export class SmtpEndpoint implements OnApplicationShutdown {
  private local: Promise<LocalSmtpServer> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  get usesLocalServer(): boolean {
    return !this.config.smtp.url;
  }

  async url(): Promise<string> {
    return this.config.smtp.url ?? (await this.localServer()).url;
  }

  /** The in-process server (started once); only when `SMTP_URL` is unset. */
  localServer(): Promise<LocalSmtpServer> {
    if (!this.usesLocalServer)
      throw new Error('SMTP_URL is set: there is no local SMTP server');
    this.local ??= (async () => {
      const logger = new Logger('Mailer');
      const server = new LocalSmtpServer(() => this.clock.now());
      const wanted = this.config.smtp.localPort;
      const port = await server
        .start(wanted)
        .catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'EADDRINUSE' || wanted === 0) throw error;
          logger.warn(
            `SMTP_PORT ${wanted} is in use: the local SMTP server takes a free port instead`,
          );
          return server.start(0);
        });
      logger.log(
        `SMTP_URL is unset: local SMTP server on 127.0.0.1:${port}; managers read it at GET /api/dev/mailbox`,
      );
      return server;
    })();
    return this.local;
  }

  async onApplicationShutdown(): Promise<void> {
    const local = this.local;
    this.local = null;
    if (local) await (await local).stop();
  }
}

export interface OutgoingMail {
  /** Display name of the sender (the credit union). */
  fromName: string;
  to: string;
  subject: string;
  text: string;
  /** Our id of the notice: the Message-ID is derived from it, so a resend is recognisable. */
  noticeId: string;
}

type Transport = Transporter<SMTPPool.SentMessageInfo, SMTPPool.Options>;

/** Pooled SMTP (nodemailer) with timeouts well inside the sender's lease; connects on first send. */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private transport: Promise<Transport> | null = null;
  private readonly domain: string;

  constructor(
    private readonly endpoint: SmtpEndpoint,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.domain = config.smtp.from.split('@')[1];
  }

  /** `<notice id@MAIL_FROM domain>`. */
  messageIdFor(noticeId: string): string {
    return `<${noticeId}@${this.domain}>`;
  }

  /** Sends one message; rejects with nodemailer's error (see smtp-errors.ts). */
  async send(
    mail: OutgoingMail,
  ): Promise<{ messageId: string; response: string }> {
    const messageId = this.messageIdFor(mail.noticeId);
    const transport = await this.connect();
    const info = await transport.sendMail({
      from: { name: mail.fromName, address: this.config.smtp.from },
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId,
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
    return { messageId, response: String(info.response ?? '') };
  }

  private connect(): Promise<Transport> {
    this.transport ??= this.endpoint.url().then((url) =>
      createTransport({
        url,
        pool: true,
        maxConnections: 2,
        maxMessages: 500,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      } as SMTPPool.Options),
    );
    return this.transport;
  }

  async onApplicationShutdown(): Promise<void> {
    const transport = this.transport;
    this.transport = null;
    if (transport) (await transport).close();
  }
}
