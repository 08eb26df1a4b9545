import {
  BadRequestException,
  ConflictException,
  Injectable,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type {
  OneTimePasswordResponse,
  StaffAccount,
} from '@certdesk/contracts';
import { AuditService } from '../audit/audit.service';
import { Passwords } from '../auth/passwords';
import { SessionService } from '../auth/session.service';
import { Clock } from '../infra/clock/clock';
import { currentPrincipal } from '../infra/tenancy/tenant';
import { TenantScope } from '../infra/tenancy/tenant-scope';
import { CreateStaffDto, UpdateStaffDto } from './staff.dto';
import { isUniqueViolation } from '../infra/database/unique-violation';
import { toStaffAccount, USERNAME_TAKEN_MESSAGE } from './staff-account';
import { StaffUser } from './staff-user.entity';

const NOT_ON_SELF =
  '自分自身のアカウントを無効にしたり、役割を変更したりすることはできません（別のシステム管理者に依頼してください）';
const OWN_PASSWORD = '自分のパスワードはパスワード変更画面で変更してください';
const NOTHING_TO_CHANGE =
  '変更する項目（role、displayName、disabled）を指定してください';

/** 職員管理 for the admin of one credit union: every read and write is scoped to it, every change audited. */
@Injectable()
export class StaffService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tenant: TenantScope,
    private readonly clock: Clock,
    private readonly passwords: Passwords,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<StaffAccount[]> {
    const staff = await this.tenant
      .repository(StaffUser)
      .find({ order: { username: 'ASC' } });
    const now = this.clock.now();
    return staff.map((s) => toStaffAccount(s, now));
  }

  /** A new account with a server-chosen one-time password it must change at first log-in. */
  async create(dto: CreateStaffDto): Promise<OneTimePasswordResponse> {
    if (
      await this.dataSource
        .getRepository(StaffUser)
        .existsBy({ username: dto.username })
    ) {
      throw new ConflictException(USERNAME_TAKEN_MESSAGE);
    }
    const oneTimePassword = this.passwords.oneTimePassword(dto.username);
    const now = this.clock.now();
    const staff: StaffUser = {
      id: randomUUID(),
      creditUnionId: this.tenant.creditUnionId,
      username: dto.username,
      displayName: dto.displayName,
      role: dto.role,
      passwordHash: await this.passwords.hash(oneTimePassword),
      mustChangePassword: true,
      disabledAt: null,
      failedLoginCount: 0,
      lockedUntil: null,
      createdAt: now,
      updatedAt: now,
    };
    await this.dataSource.transaction(async (manager) => {
      try {
        await this.tenant.repository(StaffUser, manager).insert(staff);
      } catch (error) {
        if (isUniqueViolation(error))
          throw new ConflictException(USERNAME_TAKEN_MESSAGE);
        throw error;
      }
      await this.record(manager, 'staff.create', staff, {
        username: staff.username,
        role: staff.role,
        displayName: staff.displayName,
      });
    });
    return { account: toStaffAccount(staff, now), oneTimePassword };
  }

  /** Role, display name, disabled. Disabling ends every session of the account at once. */
  async update(id: string, dto: UpdateStaffDto): Promise<StaffAccount> {
    const staff = await this.tenant.repository(StaffUser).findOrNotFound(id);
    const self = staff.id === currentPrincipal().staffId;
    if (
      self &&
      (dto.disabled === true ||
        (dto.role !== undefined && dto.role !== staff.role))
    )
      throw badRequest(NOT_ON_SELF, 'role');
    if (
      dto.role === undefined &&
      dto.displayName === undefined &&
      dto.disabled === undefined
    )
      throw badRequest(NOTHING_TO_CHANGE);

    const now = this.clock.now();
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const patch: Partial<StaffUser> = {};
    if (dto.role !== undefined && dto.role !== staff.role) {
      changes['role'] = { from: staff.role, to: dto.role };
      patch.role = dto.role;
    }
    if (
      dto.displayName !== undefined &&
      dto.displayName !== staff.displayName
    ) {
      changes['displayName'] = { from: staff.displayName, to: dto.displayName };
      patch.displayName = dto.displayName;
    }
    if (
      dto.disabled !== undefined &&
      dto.disabled !== (staff.disabledAt !== null)
    ) {
      changes['disabled'] = {
        from: staff.disabledAt !== null,
        to: dto.disabled,
      };
      patch.disabledAt = dto.disabled ? now : null;
    }
    if (Object.keys(changes).length === 0) return toStaffAccount(staff, now);

    patch.updatedAt = now;
    await this.dataSource.transaction(async (manager) => {
      await this.tenant.repository(StaffUser, manager).update(staff.id, patch);
      const sessionsEnded = patch.disabledAt
        ? await this.sessions.endAllFor(staff.id, 'disabled', { manager })
        : 0;
      await this.record(manager, 'staff.update', staff, {
        username: staff.username,
        changes,
        sessionsEnded,
      });
    });
    return toStaffAccount({ ...staff, ...patch }, now);
  }

  /** A new one-time password (never chosen by the admin); clears a lock and ends the account's sessions. */
  async resetPassword(id: string): Promise<OneTimePasswordResponse> {
    const staff = await this.tenant.repository(StaffUser).findOrNotFound(id);
    if (staff.id === currentPrincipal().staffId) throw badRequest(OWN_PASSWORD);
    const oneTimePassword = this.passwords.oneTimePassword(staff.username);
    const now = this.clock.now();
    const patch: Partial<StaffUser> = {
      passwordHash: await this.passwords.hash(oneTimePassword),
      mustChangePassword: true,
      failedLoginCount: 0,
      lockedUntil: null,
      updatedAt: now,
    };
    const wasLocked =
      staff.lockedUntil !== null && staff.lockedUntil.getTime() > now.getTime();
    await this.dataSource.transaction(async (manager) => {
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
    });
    return {
      account: toStaffAccount({ ...staff, ...patch }, now),
      oneTimePassword,
    };
  }

  private async record(
    manager: EntityManager,
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

function badRequest(message: string, field?: string): BadRequestException {
  return new BadRequestException({
    message,
    details: field ? [{ field, reason: message }] : undefined,
  });
}
