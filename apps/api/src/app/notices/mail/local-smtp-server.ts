import { Logger } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { readMail } from './mime-reader';

/** A message the local server accepted: envelope, decoded headers and text. */
export interface ReceivedMail {
  messageId: string | null;
  from: string | null;
  to: string[];
  subject: string;
  text: string;
  raw: string;
  receivedAt: Date;
}

/**
 * A real SMTP server in this process for demos (`npm start` without `SMTP_URL`) and tests: plain
 * SMTP on 127.0.0.1, no TLS or auth, keeps the last `capacity` messages in memory. `failWith` makes
 * it answer DATA with an SMTP error and `refuse` refuses chosen recipients (tests of 4xx/5xx handling).
 */
export class LocalSmtpServer {
  private readonly logger = new Logger('LocalSmtpServer');
  private readonly received: ReceivedMail[] = [];
  private server: SMTPServer | null = null;
  private boundPort = 0;
  /** Answer DATA with this SMTP error (e.g. `{ code: 451, message: 'try later' }`); null to accept. */
  failWith: { code: number; message: string } | null = null;
  /** Wait this long before answering DATA (tests: keep a sender mid-run long enough to kill it). */
  acceptDelayMs = 0;
  /** Refuse these recipients at RCPT TO (address → SMTP error). */
  readonly refuse = new Map<string, { code: number; message: string }>();

  constructor(
    private readonly now: () => Date,
    private readonly capacity = 500,
  ) {}

  get port(): number {
    return this.boundPort;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.boundPort}`;
  }

  /** Listens on `port` (0: any free port) and resolves with the port. */
  async start(port: number): Promise<number> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      banner: 'certdesk local SMTP (demo)',
      size: 1_000_000,
      closeTimeout: 200,
      onRcptTo: (address, _session, callback) => {
        const refusal = this.refuse.get(address.address);
        callback(
          refusal
            ? Object.assign(new Error(refusal.message), {
                responseCode: refusal.code,
              })
            : undefined,
        );
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const answer = () => {
            if (this.failWith)
              return callback(
                Object.assign(new Error(this.failWith.message), {
                  responseCode: this.failWith.code,
                }),
              );
            this.keep(
              Buffer.concat(chunks).toString('utf8'),
              session.envelope.rcptTo.map((r) => r.address),
            );
            callback();
          };
          if (this.acceptDelayMs > 0) setTimeout(answer, this.acceptDelayMs);
          else answer();
        });
      },
    });
    let listening = false;
    // Errors while listening are the caller's (start rejects); later ones (a client's broken connection) are logged.
    server.on(
      'error',
      (error) => listening && this.logger.warn(`SMTP: ${error.message}`),
    );
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    listening = true;
    this.server = server;
    this.boundPort = (server.server.address() as AddressInfo).port;
    return this.boundPort;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server)
      await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Newest last. */
  messages(): ReceivedMail[] {
    return [...this.received];
  }

  clear(): void {
    this.received.length = 0;
  }

  private keep(raw: string, recipients: string[]): void {
    const mail = readMail(raw);
    this.received.push({
      ...mail,
      to: recipients.length ? recipients : mail.to,
      raw,
      receivedAt: this.now(),
    });
    if (this.received.length > this.capacity)
      this.received.splice(0, this.received.length - this.capacity);
  }
}
