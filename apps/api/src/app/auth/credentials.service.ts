import { Injectable, Optional } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../infra/clock/clock';
import { AppError } from '../infra/http/app-error';
import { Metrics } from '../metrics/metrics';
import { StaffUser } from '../staff/staff-user.entity';
import { StaffUserRepository } from '../staff/staff-user.repository';
import { normaliseUsername, USERNAME_FORMAT } from '../staff/username';
import { Passwords } from './passwords';

export const MAX_FAILED_LOGINS = 10;
export const LOCK_DURATION_MS = 15 * 60 * 1000;

export type LoginFailureReason =
  'unknown_user' | 'wrong_password' | 'locked' | 'disabled' | 'rate_limited';

/**
 * Checks a username and password: every branch takes the time of one argon2 verification (a
 * locked account waits that long without hashing), every attempt is audited (never the password),
 * and 10 consecutive failures lock the account for 15 minutes.
 *
 * Safe under concurrency and across processes: the attempt is claimed on the account row before
 * the password is verified (one conditional UPDATE that refuses once 10 attempts are counted or
 * the account is locked), so a burst of guesses verifies at most 10 passwords; a success resets
 * the count, a failure keeps its claim and the tenth locks; a success re-checks the lock, so a right
 * password that raced a locking burst is refused too.
 */
@Injectable()
export class CredentialsService {
  constructor(
    private readonly accounts: StaffUserRepository,
    private readonly clock: Clock,
    private readonly passwords: Passwords,
    private readonly audit: AuditService,
    @Optional() private readonly metrics?: Metrics,
  ) {}

  /** The staff member, or the uniform 401. */
  async verify(usernameInput: string, password: string): Promise<StaffUser> {
    const username = normaliseUsername(usernameInput);
    const staff = USERNAME_FORMAT.test(username)
      ? await this.accounts.byUsername(username)
      : null;
    if (!staff) {
      await this.passwords.verifyNothing(password);
      throw await this.refuse(usernameInput, null, 'unknown_user');
    }
    if (staff.disabledAt) {
      await this.passwords.verifyNothing(password);
      throw await this.refuse(usernameInput, staff, 'disabled');
    }
    if (!(await this.claimAttempt(staff))) {
      await this.passwords.spendVerifyTime(); // as slow as a check, without one
      throw await this.refuse(usernameInput, staff, 'locked');
    }
    const matches = await this.checkClaimed(staff, password);
    if (!matches) {
      const { failedAttempts } = await this.registerFailure(staff);
      throw await this.refuse(usernameInput, staff, 'wrong_password', {
        failedAttempts,
      });
    }
    if (!(await this.registerSuccess(staff)))
      throw await this.refuse(usernameInput, staff, 'locked');
    staff.failedLoginCount = 0;
    staff.lockedUntil = null;
    return staff;
  }

  isLocked(staff: StaffUser): boolean {
    return (
      staff.lockedUntil !== null &&
      staff.lockedUntil.getTime() > this.clock.now().getTime()
    );
  }

  /**
   * Counts one attempt on the account before its password is checked: false (nothing counted) when
   * the account is locked or {@link MAX_FAILED_LOGINS} attempts are already counted.
   */
  async claimAttempt(staff: StaffUser): Promise<boolean> {
    return this.accounts.claimAttempt(
      staff.id,
      MAX_FAILED_LOGINS,
      this.clock.now(),
    );
  }

  /** Verifies a claimed attempt; a verification that could not run (503) gives the claim back. */
  async checkClaimed(staff: StaffUser, password: string): Promise<boolean> {
    try {
      return await this.passwords.verify(staff.passwordHash, password);
    } catch (error) {
      await this.accounts.giveBackAttempt(staff.id);
      throw error;
    }
  }

  /** The claimed attempt was right: the count starts afresh, unless a concurrent failure locked the account (false). */
  async registerSuccess(staff: StaffUser): Promise<boolean> {
    return this.accounts.clearFailures(staff.id, this.clock.now());
  }

  /**
   * The claimed attempt was wrong: its claim stays counted. When {@link MAX_FAILED_LOGINS} are
   * counted the account locks for 15 minutes (once, audited as `auth.locked`) and the count starts afresh.
   */
  async registerFailure(
    staff: StaffUser,
  ): Promise<{ failedAttempts: number; locked: boolean }> {
    const failedAttempts = await this.accounts.failedLoginCount(staff.id);
    if (failedAttempts < MAX_FAILED_LOGINS)
      return { failedAttempts, locked: false };
    const lockedUntil = new Date(this.clock.now().getTime() + LOCK_DURATION_MS);
    const locked = await this.accounts.lock(
      staff.id,
      MAX_FAILED_LOGINS,
      lockedUntil,
    );
    if (locked) {
      await this.audit.record({
        action: 'auth.locked',
        outcome: 'success',
        creditUnionId: staff.creditUnionId,
        actorType: 'system',
        actorId: null,
        actorName: null,
        targetType: 'staff_user',
        targetId: staff.id,
        details: {
          username: staff.username,
          failedAttempts,
          lockedUntil: lockedUntil.toISOString(),
        },
      });
    }
    return { failedAttempts, locked };
  }

  /** Audits a refused attempt and returns the uniform 401 to throw. */
  async refuse(
    usernameInput: unknown,
    staff: StaffUser | null,
    reason: LoginFailureReason,
    extra: Record<string, unknown> = {},
  ): Promise<AppError> {
    await this.recordFailure(usernameInput, staff, reason, extra);
    return new AppError('login_failed');
  }

  /** `auth.login` / failure with the reason and the name tried (never the password). */
  async recordFailure(
    usernameInput: unknown,
    staff: StaffUser | null,
    reason: LoginFailureReason,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    this.metrics?.loginFailures.inc({ reason });
    const attempted =
      typeof usernameInput === 'string' ? usernameInput.slice(0, 64) : null;
    await this.audit.record({
      action: 'auth.login',
      outcome: 'failure',
      creditUnionId: staff?.creditUnionId ?? null,
      actorType: 'anonymous',
      actorId: null,
      actorName: attempted,
      targetType: staff ? 'staff_user' : null,
      targetId: staff?.id ?? null,
      details: { reason, username: attempted, ...extra },
    });
  }
}
