import {
  Injectable,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { returnedRows } from '../database/returned-rows';

/** A limit: at most `max` attempts per subject in a fixed window of `windowMs` that starts at the first. */
export interface AttemptLimit {
  /** Names the counter family (≤ 32 characters), e.g. `login_address`. */
  scope: string;
  max: number;
  windowMs: number;
}

/** One counted attempt: the count including it, and when its window ends. */
export interface AttemptClaim {
  count: number;
  windowEndsMs: number;
}

const SWEEP_INTERVAL_MS = 10 * 60_000;
const SUBJECT_LENGTH = 200;

export interface EndedWindow {
  scope: string;
  subject: string;
  attempts: number;
  windowEndsMs: number;
}

interface CounterRow {
  attempts: number | string;
  window_ends_ms: number | string;
}

/**
 * Attempt counters in the database (`attempt_counter`), so a limit holds across every API process
 * on it exactly as in one: each claim is one atomic upsert (`INSERT … ON CONFLICT DO UPDATE …
 * WHERE … RETURNING`, the same statement on SQLite and PostgreSQL) that refuses once `max`
 * attempts are counted in the window. A window starts at the first attempt after the previous one
 * ended. Expired rows are deleted every 10 minutes (harmless when several processes do it).
 */
@Injectable()
export class AttemptCounter implements OnModuleInit, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private readonly handlers = new Map<
    string,
    (ended: EndedWindow[]) => Promise<void>
  >();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(
      () => void this.sweep().catch(() => undefined),
      SWEEP_INTERVAL_MS,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Counts one attempt, or returns null (counting nothing) when `max` are already counted. */
  async claim(
    limit: AttemptLimit,
    subject: string,
  ): Promise<AttemptClaim | null> {
    return this.upsert(limit, subject, true);
  }

  /** Counts one attempt whatever the count (for rate-limiting what is recorded, not what is allowed). */
  async hit(limit: AttemptLimit, subject: string): Promise<AttemptClaim> {
    const counted = await this.upsert(limit, subject, false);
    if (!counted) throw new Error('attempt counter: unconditional hit refused');
    return counted;
  }

  /** Gives back a claim (the attempt turned out fine): one less in its window, if that window still runs. */
  async release(
    limit: AttemptLimit,
    subject: string,
    claim: AttemptClaim,
  ): Promise<void> {
    await this.run(
      `UPDATE attempt_counter SET attempts = attempts - 1
       WHERE scope = $1 AND subject = $2 AND window_ends_ms = $3 AND attempts > 0`,
      [limit.scope, clip(subject), claim.windowEndsMs],
    );
  }

  /** The running window of `subject` (attempts counted and when it ends), or null when none runs. */
  async current(
    limit: AttemptLimit,
    subject: string,
  ): Promise<AttemptClaim | null> {
    const rows = (await this.run(
      `SELECT attempts, window_ends_ms FROM attempt_counter
       WHERE scope = $1 AND subject = $2 AND window_ends_ms > $3`,
      [limit.scope, clip(subject), this.clock.now().getTime()],
    )) as CounterRow[];
    return rows.length
      ? {
          count: Number(rows[0].attempts),
          windowEndsMs: Number(rows[0].window_ends_ms),
        }
      : null;
  }

  /**
   * Deletes the ended windows of `scope` (of one subject when given; of every scope when null) and
   * returns them; each row goes to exactly one caller (DELETE … RETURNING), so several processes
   * never report one window twice.
   */
  async takeEnded(
    scope: string | null,
    subject: string | null = null,
  ): Promise<EndedWindow[]> {
    const rows = (await this.run(
      `DELETE FROM attempt_counter WHERE window_ends_ms <= $1
       AND ($2 = '' OR scope = $2) AND ($3 = '' OR subject = $3)
       RETURNING scope, subject, attempts, window_ends_ms`,
      [this.clock.now().getTime(), scope ?? '', clip(subject ?? '')],
    )) as (CounterRow & { scope: string; subject: string })[];
    return rows.map((r) => ({
      scope: r.scope,
      subject: r.subject,
      attempts: Number(r.attempts),
      windowEndsMs: Number(r.window_ends_ms),
    }));
  }

  /** Ended windows of `scope` found by the sweep go to `handler` (e.g. to audit a summary). */
  onEnded(
    scope: string,
    handler: (ended: EndedWindow[]) => Promise<void>,
  ): void {
    this.handlers.set(scope, handler);
  }

  /** Deletes every ended window (the table stays as small as the attempts of the last window). */
  async sweep(): Promise<number> {
    const ended = await this.takeEnded(null);
    for (const [scope, handler] of this.handlers) {
      const mine = ended.filter((e) => e.scope === scope);
      if (mine.length) await handler(mine);
    }
    return ended.length;
  }

  private async upsert(
    limit: AttemptLimit,
    subject: string,
    conditional: boolean,
  ): Promise<AttemptClaim | null> {
    const now = this.clock.now().getTime();
    const rows = (await this.run(
      `INSERT INTO attempt_counter (scope, subject, attempts, window_ends_ms)
       VALUES ($1, $2, 1, $3)
       ON CONFLICT (scope, subject) DO UPDATE SET
         attempts = CASE WHEN attempt_counter.window_ends_ms <= $4 THEN 1
                         ELSE attempt_counter.attempts + 1 END,
         window_ends_ms = CASE WHEN attempt_counter.window_ends_ms <= $4 THEN $3
                               ELSE attempt_counter.window_ends_ms END
       WHERE attempt_counter.window_ends_ms <= $4 OR attempt_counter.attempts < $5
       RETURNING attempts, window_ends_ms`,
      [
        limit.scope,
        clip(subject),
        now + limit.windowMs,
        now,
        conditional ? limit.max : 2_147_483_647,
      ],
    )) as CounterRow[];
    if (rows.length === 0) return null;
    return {
      count: Number(rows[0].attempts),
      windowEndsMs: Number(rows[0].window_ends_ms),
    };
  }

  /** `$n` placeholders on both databases (SQLite gets `?` with the values in order of use). */
  private run(sql: string, params: (string | number)[]): Promise<unknown[]> {
    if (this.dataSource.options.type === 'postgres')
      return returnedRows(this.dataSource, sql, params);
    const ordered: (string | number)[] = [];
    const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
      ordered.push(params[Number(n) - 1]);
      return '?';
    });
    return returnedRows(this.dataSource, text, ordered);
  }
}

const clip = (subject: string): string => subject.slice(0, SUBJECT_LENGTH);

/** Seconds until a window ends, at least 1 (for `Retry-After`). */
export function secondsUntil(windowEndsMs: number, nowMs: number): number {
  return Math.max(1, Math.ceil((windowEndsMs - nowMs) / 1000));
}
