import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { StaffRole } from '@certdesk/domain';
import { AuditService } from '../audit/audit.service';
import { Passwords } from '../auth/passwords';
import { SessionService } from '../auth/session.service';
import { Clock } from '../infra/clock/clock';
import { Manager } from '../infra/database/transactions';
import { isUniqueViolation } from '../infra/database/unique-violation';
import { AppError } from '../infra/http/app-error';
import { TenantScope } from '../infra/tenancy/tenant-scope';
import { StaffUser } from './staff-user.entity';
import { NEW_STAFF_ACCOUNT } from './new-staff-account';
import { StaffUserRepository } from './staff-user.repository';

/** A server-chosen one-time password and its hash (the clear text is shown once, never stored). */
export interface NewPassword {
  oneTimePassword: string;
  passwordHash: string;
}

export type StaffChanges = Record<string, { from: unknown; to: unknown }>;

/**
 * The writes of 職員管理, each inside the caller's transaction and audited there: used at once for
 * ordinary changes, and by the approval of a change that waited for a second admin.
 */
@Injectable()
export class StaffWrites {
  constructor(
    private readonly accounts: StaffUserRepository,
    private readonly tenant: TenantScope,
    private readonly clock: Clock,
    private readonly passwords: Passwords,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {}

  /**
   * 409 when the username is taken in any credit union (usernames are unique installation-wide),
   * or kept for an account whose creation waits for a second admin.
   */
  async assertUsernameFree(username: string): Promise<void> {
    if (await this.accounts.usernameHeld(username))
      throw new AppError('username_taken');
  }

  async newPassword(username: string): Promise<NewPassword> {
    const oneTimePassword = this.passwords.oneTimePassword(username);
    return {
      oneTimePassword,
      passwordHash: await this.passwords.hash(oneTimePassword),
    };
  }

  async create(
    manager: Manager,
    fields: { username: string; displayName: string; role: StaffRole },
    password: NewPassword,
  ): Promise<StaffUser> {
    const now = this.clock.now();
    const staff: StaffUser = {
      id: randomUUID(),
      creditUnionId: this.tenant.creditUnionId,
      ...fields,
      passwordHash: password.passwordHash,
      ...NEW_STAFF_ACCOUNT,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.tenant.repository(StaffUser, manager).insert(staff);
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('username_taken');
      throw error;
    }
    await this.record(manager, 'staff.create', staff, {
      username: staff.username,
      role: staff.role,
      displayName: staff.displayName,
    });
    return staff;
  }

  /** Applies `patch` (its `changes` for the audit); disabling ends every session of the account. */
  async update(
    manager: Manager,
    staff: StaffUser,
    patch: Partial<StaffUser>,
    changes: StaffChanges,
  ): Promise<StaffUser> {
    const updated = { ...patch, updatedAt: this.clock.now() };
    await this.tenant.repository(StaffUser, manager).update(staff.id, updated);
    const sessionsEnded = updated.disabledAt
      ? await this.sessions.endAllFor(staff.id, 'disabled', { manager })
      : 0;
    await this.record(manager, 'staff.update', staff, {
      username: staff.username,
      changes,
      sessionsEnded,
    });
    return { ...staff, ...updated };
  }

  /** A new one-time password: clears a lock and ends the account's sessions. */
  async resetPassword(
    manager: Manager,
    staff: StaffUser,
    password: NewPassword,
  ): Promise<StaffUser> {
    const now = this.clock.now();
    const patch: Partial<StaffUser> = {
      passwordHash: password.passwordHash,
      mustChangePassword: true,
      failedLoginCount: 0,
      lockedUntil: null,
      updatedAt: now,
    };
    const wasLocked =
      staff.lockedUntil !== null && staff.lockedUntil.getTime() > now.getTime();
    await this.tenant.repository(StaffUser, manager).update(staff.id, patch);
    const sessionsEnded = await this.sessions.endAllFor(
      staff.id,
      'password_reset',
      { manager },
    );
    await this.record(manager, 'staff.reset_password', staff, {
      username: staff.username,
      unlocked: wasLocked,
      sessionsEnded,
    });
    return { ...staff, ...patch };
  }

  private async record(
    manager: Manager,
    action: string,
    staff: StaffUser,
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.recordIn(manager, {
      action,
      outcome: 'success',
      targetType: 'staff_user',
      targetId: staff.id,
      details,
    });
  }
}
