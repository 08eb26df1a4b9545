import { Injectable } from '@nestjs/common';
import { CreditUnion } from '../credit-unions/credit-union.entity';
import { Clock } from '../infra/clock/clock';
import { Manager } from '../infra/database/transactions';
import { StaffUser } from '../staff/staff-user.entity';
import { newSessionToken, sessionIdOf } from './session-cookie';
import { SessionEndReason, StaffSession } from './staff-session.entity';
import { StaffSessionRepository } from './staff-session.repository';
import { SessionCache } from './session-cache';

export const SESSION_IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** `last_seen_at` is written at most this often. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export interface SessionMeta {
  ip: string | null;
  userAgent: string | null;
}

export interface ActiveSession {
  session: StaffSession;
  staff: StaffUser;
  creditUnion: CreditUnion;
}

/** Server-side sessions: created at log-in, checked on every request, ended on the server. */
@Injectable()
export class SessionService {
  constructor(
    private readonly sessions: StaffSessionRepository,
    private readonly clock: Clock,
    private readonly cache: SessionCache,
  ) {}

  /** A new session for `staff`; returns the token for the cookie (the database keeps only its hash). */
  async create(
    staff: StaffUser,
    meta: SessionMeta,
    manager: Manager = this.sessions.manager,
  ): Promise<{ token: string; session: StaffSession }> {
    const token = newSessionToken();
    const now = this.clock.now();
    const session: StaffSession = {
      id: sessionIdOf(token),
      staffUserId: staff.id,
      creditUnionId: staff.creditUnionId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_TIMEOUT_MS),
      endedAt: null,
      endReason: null,
      ip: meta.ip?.slice(0, 64) ?? null,
      userAgent: meta.userAgent?.slice(0, 256) ?? null,
    };
    await this.sessions.insert(manager, session);
    return { token, session };
  }

  /**
   * The live session of `token` and its staff member, or null. A session past its idle or absolute
   * limit, or of a disabled account, is ended on the way.
   */
  async resolve(token: string): Promise<ActiveSession | null> {
    // Session, staff member and credit union together (planned once per connection), kept while
    // none of them changes (session-cache.ts).
    const id = sessionIdOf(token);
    const row = await this.cache.read(id, () => this.sessions.withStaff(id));
    if (!row || row.endedAt) return null;
    const { staff, creditUnion, ...session } = row;
    const now = this.clock.now();
    if (now.getTime() >= session.expiresAt.getTime())
      return this.endAndForget(session, 'expired');
    const idle = now.getTime() - session.lastSeenAt.getTime();
    if (idle >= SESSION_IDLE_TIMEOUT_MS)
      return this.endAndForget(session, 'idle');
    if (!staff || !creditUnion || staff.disabledAt)
      return this.endAndForget(session, 'disabled');
    if (idle >= TOUCH_INTERVAL_MS) {
      await this.sessions.touch(session.id, now);
      session.lastSeenAt = now;
    }
    return { session, staff, creditUnion };
  }

  async findById(id: string): Promise<StaffSession | null> {
    return this.sessions.findById(id);
  }

  /** Ends one session (log-out, replaced at log-in); a no-op for an unknown or ended one. */
  async end(
    id: string,
    reason: SessionEndReason,
    manager: Manager = this.sessions.manager,
  ): Promise<void> {
    await this.sessions.end(manager, id, reason, this.clock.now());
  }

  /** Ends every live session of a staff member at once (optionally keeping one); returns how many. */
  async endAllFor(
    staffUserId: string,
    reason: SessionEndReason,
    options: { except?: string; manager?: Manager } = {},
  ): Promise<number> {
    return this.sessions.endAllFor(
      options.manager ?? this.sessions.manager,
      staffUserId,
      reason,
      this.clock.now(),
      options.except,
    );
  }

  private async endAndForget(
    session: StaffSession,
    reason: SessionEndReason,
  ): Promise<null> {
    await this.end(session.id, reason);
    return null;
  }
}
