import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';

const FIRST_RETRY_MS = 1000;
const LAST_RETRY_MS = 30_000;
/** How often the listener proves, by a notification to itself, that notifications still arrive. */
const HEARTBEAT_MS = 2000;
const CONNECT_TIMEOUT_MS = 5000;
/** Heartbeats carry this prefix: every listener on the channel sees them and passes them over. */
const HEARTBEAT = 'heartbeat:';

/** What a {@link PgListener} reports. */
export interface ListenerEvents {
  /** A notification's payload on the channel. */
  message(payload: string): void;
  /**
   * Notifications may have been missed: the connection was lost or went quiet, or it is back
   * (whatever was committed while it was away was never delivered).
   */
  gap(): void;
}

/**
 * One dedicated PostgreSQL connection that `LISTEN`s on a channel (pg's pool cannot: a pooled
 * connection is handed to other queries). `live` is true only while notifications are known to
 * arrive: from the first notification the listener sends itself after `LISTEN`, renewed every 2 s
 * (a dead peer, a NAT that dropped the idle connection or a pooler that does not pass `LISTEN` on
 * shows as a heartbeat that does not come back). When it stops being live it reports a gap and
 * reconnects (1 s, doubling to 30 s), and reports a gap again once it is live.
 */
export class PgListener {
  private client?: Client;
  private connecting?: Client;
  private live_ = false;
  private awaiting?: string;
  private heartbeat?: NodeJS.Timeout;
  private retryMs = FIRST_RETRY_MS;
  private retry?: NodeJS.Timeout;
  private stopped = false;
  private readonly self = randomUUID();
  private sent = 0;
  private readonly logger = new Logger(PgListener.name);

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly events: ListenerEvents,
  ) {}

  /** True while every notification sent from now on is known to be delivered. */
  get live(): boolean {
    return this.live_;
  }

  /**
   * Connects, listens and waits (at most one heartbeat) for its first notification to itself; a
   * failure is logged and retried, never thrown (the API serves without it).
   */
  async start(): Promise<void> {
    const client = new Client({
      connectionString: this.url,
      application_name: `certdesk listener ${this.channel}`,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      query_timeout: CONNECT_TIMEOUT_MS,
      keepAlive: true,
    });
    this.connecting = client;
    let lost = false;
    const onLost = (reason?: string) => {
      if (lost) return;
      lost = true;
      this.lost(client, reason);
    };
    client.on('error', (error) => onLost(error.message));
    client.on('end', () => onLost('ended'));
    client.on('notification', (message) => {
      if (message.channel !== this.channel) return;
      const payload = message.payload ?? '';
      if (!payload.startsWith(HEARTBEAT)) return this.events.message(payload);
      if (payload !== this.awaiting) return;
      this.awaiting = undefined;
      if (!this.live_ && this.client === client) {
        this.live_ = true;
        this.retryMs = FIRST_RETRY_MS;
        this.events.gap();
      }
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (error) {
      onLost((error as Error).message);
      return;
    }
    if (this.connecting === client) this.connecting = undefined;
    if (lost || this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.heartbeat = setInterval(() => this.beat(client, onLost), HEARTBEAT_MS);
    this.heartbeat.unref();
    this.beat(client, onLost);
    await this.firstBeat(client);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    clearInterval(this.heartbeat);
    this.live_ = false;
    const clients = [this.client, this.connecting];
    this.client = this.connecting = undefined;
    await Promise.all(clients.map((c) => c?.end().catch(() => undefined)));
  }

  /** Sends the next heartbeat; the previous one not back yet means notifications stopped. */
  private beat(client: Client, onLost: (reason: string) => void): void {
    if (this.awaiting) {
      onLost(`no notification back within ${HEARTBEAT_MS / 1000} s`);
      return;
    }
    this.awaiting = `${HEARTBEAT}${this.self}:${++this.sent}`;
    client
      .query('SELECT pg_notify($1, $2)', [this.channel, this.awaiting])
      .catch((error: Error) => onLost(error.message));
  }

  private async firstBeat(client: Client): Promise<void> {
    const deadline = Date.now() + HEARTBEAT_MS;
    while (!this.live_ && this.client === client && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 5));
  }

  private lost(client: Client, reason = 'ended'): void {
    void client.end().catch(() => undefined);
    // A connection already replaced or stopped (its late 'end', say) changes nothing.
    if (this.client !== client && this.connecting !== client) return;
    if (this.connecting === client) this.connecting = undefined;
    if (this.client === client) {
      this.client = undefined;
      clearInterval(this.heartbeat);
    }
    this.live_ = false;
    this.awaiting = undefined;
    this.events.gap();
    if (this.stopped) return;
    this.logger.warn(
      `LISTEN ${this.channel}: ${reason}; nothing is kept until it listens again (retry in ${this.retryMs / 1000} s)`,
    );
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.start(), this.retryMs);
    this.retry.unref();
    this.retryMs = Math.min(this.retryMs * 2, LAST_RETRY_MS);
  }
}
