import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { AppConfig } from '../infra/config/config';
import { APP_CONFIG } from '../infra/config/app-config.module';
import { PgListener } from '../infra/database/pg-listener';
import { SessionRow, StaffSessionRepository } from './staff-session.repository';

/** Where migration 1764000000310's triggers announce a change on PostgreSQL. */
export const SESSION_CHANGES_CHANNEL = 'certdesk_session_changes';
/** A kept answer is read again after this long whatever happens (a backstop, not the mechanism). */
const KEEP_MS = 60_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  row: SessionRow;
  storedAt: number;
}

/**
 * The session check's answer (session, staff member, credit union: one join on every staff request)
 * kept per session in this process, and dropped as soon as it hears that any process changed one of
 * those rows, so that log-out, a password change, disabling or a credit union's settings take effect
 * everywhere (issue 20; the triggers are migration 1764000000310's):
 * - a change made by this process drops every kept answer as the statement runs and again when its
 *   transaction commits (StaffSessionRepository.onLocalChange);
 * - PostgreSQL: every process LISTENs (PgListener); a committed change's notification drops the
 *   answers it concerns. While the listener is not live nothing is kept (fail-closed), and
 *   everything is dropped whenever it stops or starts being live;
 * - SQLite: the change counter the triggers keep is read first (one indexed read; the CLI is
 *   another process on the same file) and a new value drops everything.
 * A read that was under way when something was dropped is not kept (`generation`): it may have
 * read the row before the change committed.
 */
@Injectable()
export class SessionCache implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private epoch: number | null = null;
  /** Whether the triggers that announce changes are in place (checked at start). */
  private announced_ = false;
  private readonly listener?: PgListener;
  private readonly logger = new Logger(SessionCache.name);

  constructor(
    private readonly sessions: StaffSessionRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    sessions.onLocalChange(() => this.drop());
    if (config.database.type === 'postgres')
      this.listener = new PgListener(
        config.database.url,
        SESSION_CHANGES_CHANNEL,
        {
          message: (payload) => this.announced(payload),
          gap: () => this.drop(),
        },
      );
  }

  async onApplicationBootstrap(): Promise<void> {
    this.announced_ = await this.sessions.changesAnnounced();
    if (!this.announced_) {
      this.logger.error(
        'The triggers of migration 1764000000310 are missing: every session check reads the database',
      );
      return;
    }
    await this.listener?.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener?.stop();
  }

  /** PostgreSQL: whether changes are being heard (nothing is kept otherwise); SQLite: null. */
  get listening(): boolean | null {
    return this.listener ? this.listener.live : null;
  }

  /** Session `id`'s row, kept or loaded by `load` (a live session's row is kept). */
  async read(
    id: string,
    load: () => Promise<SessionRow | null>,
  ): Promise<SessionRow | null> {
    if (!(await this.keeping())) return load();
    const kept = this.entries.get(id);
    if (kept && Date.now() - kept.storedAt < KEEP_MS) return kept.row;
    const generation = this.generation;
    const row = await load();
    if (row && !row.endedAt && generation === this.generation) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      // Shared by the requests that use it: nothing may change it in place.
      for (const part of [row, row.staff, row.creditUnion])
        if (part) Object.freeze(part);
      this.entries.set(id, { row, storedAt: Date.now() });
    }
    return row;
  }

  /** Drops every kept answer. */
  drop(): void {
    this.generation++;
    this.entries.clear();
  }

  /**
   * Whether a kept answer may be used now: the triggers are in place and, on PostgreSQL, changes
   * are being heard; on SQLite the change counter is read (a new value drops everything).
   */
  private async keeping(): Promise<boolean> {
    if (!this.announced_) return false;
    if (this.listener) return this.listener.live;
    const epoch = await this.sessions.changeEpoch();
    if (epoch === null || epoch !== this.epoch) {
      this.drop();
      this.epoch = epoch;
    }
    return epoch !== null;
  }

  /** `s:<session id>`, `u:<staff id>` or `c:<credit union id>` changed: its answers are dropped. */
  private announced(payload: string): void {
    this.generation++;
    const [kind, id] = [payload.slice(0, 1), payload.slice(2)];
    if (kind === 's') {
      this.entries.delete(id);
      return;
    }
    for (const [key, { row }] of this.entries)
      if (
        (kind === 'u' && row.staffUserId === id) ||
        (kind === 'c' && row.creditUnionId === id) ||
        (kind !== 'u' && kind !== 'c')
      )
        this.entries.delete(key);
  }
}
