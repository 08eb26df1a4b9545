import { Logger } from '@nestjs/common';
import { Client } from 'pg';

const FIRST_RETRY_MS = 1000;
const LAST_RETRY_MS = 30_000;

/** What a {@link PgListener} reports. */
export interface ListenerEvents {
  /** A notification's payload on the channel. */
  message(payload: string): void;
  /**
   * Notifications may have been missed: the connection was lost, or it is back (whatever was
   * committed while it was away was never delivered).
   */
  gap(): void;
}

/**
 * One dedicated PostgreSQL connection that `LISTEN`s on a channel (pg's pool cannot: a pooled
 * connection is handed to other queries). `live` is true only while it listens; when the connection
 * fails it reports a gap and reconnects (1 s, doubling to 30 s), reporting a gap again once it
 * listens, so that a user of it never trusts what a missed notification would have changed.
 */
export class PgListener {
  private client?: Client;
  private retryMs = FIRST_RETRY_MS;
  private retry?: NodeJS.Timeout;
  private stopped = false;
  private readonly logger = new Logger(PgListener.name);

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly events: ListenerEvents,
  ) {}

  /** True while every notification sent from now on will be delivered. */
  get live(): boolean {
    return this.client !== undefined;
  }

  /** Connects and listens; a failure is logged and retried, never thrown (the API still serves). */
  async start(): Promise<void> {
    const client = new Client({
      connectionString: this.url,
      application_name: `certdesk listener ${this.channel}`,
    });
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      this.lost(client, error);
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (message) => {
      if (message.channel === this.channel)
        this.events.message(message.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (error) {
      onLost(error as Error);
      return;
    }
    if (lost || this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.retryMs = FIRST_RETRY_MS;
    this.events.gap();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private lost(client: Client, error?: Error): void {
    if (this.client === client) this.client = undefined;
    this.events.gap();
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    this.logger.warn(
      `LISTEN ${this.channel}: connection lost (${error?.message ?? 'ended'}); retrying in ${this.retryMs / 1000} s`,
    );
    this.retry = setTimeout(() => void this.start(), this.retryMs);
    this.retry.unref();
    this.retryMs = Math.min(this.retryMs * 2, LAST_RETRY_MS);
  }
}
