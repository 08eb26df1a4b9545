import { Injectable, Optional, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../infra/clock/clock';
import { Metrics } from '../metrics/metrics';
import { StaffUser } from '../staff/staff-user.entity';
import { normaliseUsername, USERNAME_FORMAT } from '../staff/username';
import { Passwords } from './passwords';

export const MAX_FAILED_LOGINS = 10;
export const LOCK_DURATION_MS = 15 * 60 * 1000;

/** One answer for every failed log-in: unknown user, wrong password, locked or disabled alike. */
export const LOGIN_FAILED_MESSAGE =
  'ユーザー名またはパスワードが正しくないか、アカウントが一時的にロックされています。';

export type LoginFailureReason =
  'unknown_user' | 'wrong_password' | 'locked' | 'disabled' | 'rate_limited';

/**
 * Checks a username and password: every branch spends one argon2 verification, every attempt is
 * audited (never the password), and 10 consecutive failures lock the account for 15 minutes.
 */
@Injectable()
export class CredentialsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly passwords: Passwords,
    private readonly audit: AuditService,
    @Optional() private readonly metrics?: Metrics,
  ) {}

  /** The staff member, or the uniform 401. */
  async verify(usernameInput: string, password: string): Promise<StaffUser> {
    const username = normaliseUsername(usernameInput);
    const staff = USERNAME_FORMAT.test(username)
      ? await this.dataSource.getRepository(StaffUser).findOneBy({ username })
      : null;
    if (!staff) {
      await this.passwords.verifyNothing(password);
      throw await this.refuse(usernameInput, null, 'unknown_user');
    }
    const matches = await this.passwords.verify(staff.passwordHash, password);
    if (staff.disabledAt)
      throw await this.refuse(usernameInput, staff, 'disabled');
    if (this.isLocked(staff))
      throw await this.refuse(usernameInput, staff, 'locked');
    if (!matches) {
      const { failedAttempts } = await this.registerFailure(staff);
      throw await this.refuse(usernameInput, staff, 'wrong_password', {
        failedAttempts,
      });
    }
    if (staff.failedLoginCount !== 0 || staff.lockedUntil !== null) {
      await this.dataSource
        .getRepository(StaffUser)
        .update({ id: staff.id }, { failedLoginCount: 0, lockedUntil: null });
      staff.failedLoginCount = 0;
      staff.lockedUntil = null;
    }
    return staff;
  }

  isLocked(staff: StaffUser): boolean {
    return (
      staff.lockedUntil !== null &&
      staff.lockedUntil.getTime() > this.clock.now().getTime()
    );
  }

  /**
   * Counts one failure (atomically, so parallel guesses all count); the tenth in a row locks the
   * account for 15 minutes, audited as `auth.locked`, and starts the count afresh.
   */
  async registerFailure(
    staff: StaffUser,
  ): Promise<{ failedAttempts: number; locked: boolean }> {
    const repository = this.dataSource.getRepository(StaffUser);
    await repository
      .createQueryBuilder()
      .update(StaffUser)
      .set({ failedLoginCount: () => 'failed_login_count + 1' })
      .where('id = :id', { id: staff.id })
      .execute();
    const failedAttempts = (await repository.findOneByOrFail({ id: staff.id }))
      .failedLoginCount;
    if (failedAttempts < MAX_FAILED_LOGINS)
      return { failedAttempts, locked: false };
    const lockedUntil = new Date(this.clock.now().getTime() + LOCK_DURATION_MS);
    const result = await repository
      .createQueryBuilder()
      .update(StaffUser)
      .set({ lockedUntil, failedLoginCount: 0 })
      .where('id = :id AND failed_login_count >= :max', {
        id: staff.id,
        max: MAX_FAILED_LOGINS,
      })
      .execute();
    const locked = (result.affected ?? 0) > 0;
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
  ): Promise<UnauthorizedException> {
    await this.recordFailure(usernameInput, staff, reason, extra);
    return new UnauthorizedException(LOGIN_FAILED_MESSAGE);
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
