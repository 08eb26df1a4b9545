import { Inject, Injectable } from '@nestjs/common';
import type { SessionInfo } from '@certdesk/contracts';
import { ROLE_PERMISSIONS } from '@certdesk/domain';
import { ownAccountEntry } from '../audit/audit-entry';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../infra/clock/clock';
import { AppError } from '../infra/http/app-error';
import { Transactions } from '../infra/database/transactions';
import { AppConfig } from '../infra/config/config';
import { APP_CONFIG } from '../infra/config/app-config.module';
import { StaffPrincipal } from '../infra/tenancy/request-context';
import { StaffUser } from '../staff/staff-user.entity';
import { StaffUserRepository } from '../staff/staff-user.repository';
import { CredentialsService } from './credentials.service';
import { passwordProblems } from './password-policy';
import {
  secondFactorFacts,
  toStatus,
} from './second-factor/second-factor-policy';
import { Passwords } from './passwords';
import { sessionIdOf } from './session-cookie';
import {
  SESSION_IDLE_TIMEOUT_MS,
  SessionMeta,
  SessionService,
} from './session.service';
import { StaffSession } from './staff-session.entity';

const SAME_PASSWORD = '現在のパスワードと同じパスワードは使えません';

/** Log-in, log-out, the session's view of itself, and changing one's own password. */
@Injectable()
export class AuthService {
  constructor(
    private readonly transactions: Transactions,
    private readonly accounts: StaffUserRepository,
    private readonly clock: Clock,
    private readonly sessions: SessionService,
    private readonly credentials: CredentialsService,
    private readonly passwords: Passwords,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Opens a new session for a verified staff member. The session the browser came with (if any)
   * is ended first: a log-in never keeps or adopts an existing session id.
   */
  async startSession(
    staff: StaffUser,
    previousToken: string | undefined,
    meta: SessionMeta,
  ): Promise<{ token: string; info: SessionInfo }> {
    const { token, session } = await this.transactions.run(async (manager) => {
      if (previousToken)
        await this.sessions.end(
          sessionIdOf(previousToken),
          'replaced',
          manager,
        );
      const created = await this.sessions.create(staff, meta, manager);
      await this.audit.recordIn(
        manager,
        ownAccountEntry(staff, 'auth.login', {
          changeRequired: staff.mustChangePassword,
        }),
      );
      return created;
    });
    return { token, info: await this.describe(staff, session) };
  }

  /** Ends the caller's session on the server (idempotent: signed-out callers get the same answer). */
  async logout(principal: StaffPrincipal | undefined): Promise<void> {
    if (!principal) return;
    await this.sessions.end(principal.sessionId, 'logout');
    await this.audit.record({
      action: 'auth.logout',
      outcome: 'success',
      targetType: 'staff_user',
      targetId: principal.staffId,
    });
  }

  async me(principal: StaffPrincipal | undefined): Promise<SessionInfo> {
    if (!principal) throw new AppError('not_signed_in');
    const [staff, session] = await Promise.all([
      this.accounts.byId(principal.staffId),
      this.sessions.findById(principal.sessionId),
    ]);
    if (!staff || !session) throw new AppError('not_signed_in');
    return this.describe(staff, session);
  }

  /**
   * Changes the caller's own password: the current one must be right (wrong guesses count towards
   * the lock, which also ends every session), the new one must pass the policy. Clears
   * `mustChangePassword` and ends the caller's other sessions.
   */
  async changePassword(
    principal: StaffPrincipal,
    currentPassword: string,
    newPassword: string,
  ): Promise<void> {
    const staff = await this.accounts.byIdOrFail(principal.staffId);
    // Claimed before it is verified, like a log-in (CredentialsService): a burst cannot outrun the lock.
    const claimed = await this.credentials.claimAttempt(staff);
    const matches =
      claimed && (await this.credentials.checkClaimed(staff, currentPassword));
    if (!matches || !(await this.credentials.registerSuccess(staff))) {
      const { locked } =
        claimed && !matches
          ? await this.credentials.registerFailure(staff)
          : { locked: false };
      if (locked) await this.sessions.endAllFor(staff.id, 'locked');
      await this.recordChange('failure', staff, {
        reason: matches || !claimed ? 'locked' : 'wrong_current',
        sessionsEnded: locked,
      });
      throw AppError.onField('wrong_current_password', 'currentPassword');
    }
    const problems = passwordProblems(newPassword, {
      username: staff.username,
    });
    if (newPassword === currentPassword) problems.push(SAME_PASSWORD);
    if (problems.length > 0) {
      await this.recordChange('failure', staff, { reason: 'policy', problems });
      throw new AppError(
        'password_policy',
        undefined,
        problems.map((reason) => ({ field: 'newPassword', reason })),
      );
    }
    const passwordHash = await this.passwords.hash(newPassword);
    await this.transactions.run(async (manager) => {
      await this.accounts.update(manager, staff.id, {
        passwordHash,
        mustChangePassword: false,
        failedLoginCount: 0,
        lockedUntil: null,
        updatedAt: this.clock.now(),
      });
      const otherSessionsEnded = await this.sessions.endAllFor(
        staff.id,
        'password_change',
        { except: principal.sessionId, manager },
      );
      await this.audit.recordIn(manager, {
        action: 'auth.password_change',
        outcome: 'success',
        targetType: 'staff_user',
        targetId: staff.id,
        details: { wasRequired: staff.mustChangePassword, otherSessionsEnded },
      });
    });
  }

  private async recordChange(
    outcome: 'failure',
    staff: StaffUser,
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record({
      action: 'auth.password_change',
      outcome,
      targetType: 'staff_user',
      targetId: staff.id,
      details,
    });
  }

  private async describe(
    staff: StaffUser,
    session: StaffSession,
  ): Promise<SessionInfo> {
    const creditUnion = await this.accounts.creditUnionById(
      staff.creditUnionId,
    );
    return {
      staffId: staff.id,
      username: staff.username,
      displayName: staff.displayName,
      role: staff.role,
      creditUnion: {
        id: creditUnion.id,
        code: creditUnion.code,
        name: creditUnion.name,
        selfServiceDaysAfterExpiry: creditUnion.selfServiceDaysAfterExpiry,
      },
      mustChangePassword: staff.mustChangePassword,
      permissions: [...ROLE_PERMISSIONS[staff.role]],
      expiresAt: session.expiresAt.toISOString(),
      idleTimeoutSeconds: SESSION_IDLE_TIMEOUT_MS / 1000,
      secondFactor: toStatus(
        secondFactorFacts(staff, creditUnion, session, this.config),
      ),
    };
  }
}
