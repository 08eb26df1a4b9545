import { LocalSmtpServer, ReceivedMail } from '../mail/local-smtp-server';

/** A real SMTP server for a test file on a random port; can go down and come back on the same port. */
export class SmtpSink {
  readonly server: LocalSmtpServer;
  private port = 0;

  /** Keeps the last `capacity` mails. */
  constructor(capacity = 10_000) {
    this.server = new LocalSmtpServer(() => new Date(), capacity);
  }

  async start(): Promise<string> {
    this.port = await this.server.start(this.port);
    return this.server.url;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  messages(): ReceivedMail[] {
    return this.server.messages();
  }

  /** Mails received since the last call. */
  private seen = 0;
  take(): ReceivedMail[] {
    const all = this.server.messages();
    const fresh = all.slice(this.seen);
    this.seen = all.length;
    return fresh;
  }

  /** Recipients of `mails`, sorted. */
  static recipients(mails: ReceivedMail[]): string[] {
    return mails.flatMap((m) => m.to).sort();
  }
}
