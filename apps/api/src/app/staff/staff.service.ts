import { Injectable } from '@nestjs/common';
import type {
  OneTimePasswordResponse,
  StaffAccount,
  StaffChangePending,
} from '@certdesk/contracts';
import {
  grantNeedsApproval,
  passwordResetNeedsApproval,
} from '@certdesk/domain';
import { Clock } from '../infra/clock/clock';
import { Transactions } from '../infra/database/transactions';
import { AppError } from '../infra/http/app-error';
import { currentPrincipal } from '../infra/tenancy/tenant';
import { TenantScope } from '../infra/tenancy/tenant-scope';
import { CreateStaffDto, UpdateStaffDto } from './staff.dto';
import { toStaffAccount } from './staff-account';
import {
  StaffChangeFields,
  StaffChangeRequestsService,
} from './staff-change-requests.service';
import { StaffUser } from './staff-user.entity';
import { StaffChanges, StaffWrites } from './staff-writes';

/** A change to an existing account, naming the account as it stands (no role change unless given). */
function accountChange(
  staff: StaffUser,
  kind: StaffChangeFields['kind'],
  roles: Pick<StaffChangeFields, 'role' | 'fromRole'> = {
    role: null,
    fromRole: null,
  },
): StaffChangeFields {
  return {
    kind,
    staffId: staff.id,
    username: staff.username,
    displayName: staff.displayName,
    ...roles,
  };
}

/**
 * 職員管理 for the admin of one credit union: every read and write is scoped to it, every change
 * audited. Granting manager or admin and resetting an admin's password wait for a second admin
 * (a {@link StaffChangePending} answer); everything else takes effect at once.
 */
@Injectable()
export class StaffService {
  constructor(
    private readonly transactions: Transactions,
    private readonly tenant: TenantScope,
    private readonly clock: Clock,
    private readonly writes: StaffWrites,
    private readonly changes: StaffChangeRequestsService,
  ) {}

  async list(): Promise<StaffAccount[]> {
    const staff = await this.tenant
      .repository(StaffUser)
      .find({ order: { username: 'ASC' } });
    const now = this.clock.now();
    return staff.map((s) => toStaffAccount(s, now));
  }

  /** A new account with a server-chosen one-time password it must change at first log-in. */
  async create(
    dto: CreateStaffDto,
  ): Promise<OneTimePasswordResponse | StaffChangePending> {
    await this.writes.assertUsernameFree(dto.username);
    if (grantNeedsApproval(dto.role)) {
      const pendingChange = await this.transactions.run((em) =>
        this.changes.request(em, {
          kind: 'create',
          staffId: null,
          username: dto.username,
          displayName: dto.displayName,
          role: dto.role,
          fromRole: null,
        }),
      );
      return { pendingChange };
    }
    const password = await this.writes.newPassword(dto.username);
    const staff = await this.transactions.run((em) =>
      this.writes.create(
        em,
        {
          username: dto.username,
          displayName: dto.displayName,
          role: dto.role,
        },
        password,
      ),
    );
    return {
      account: toStaffAccount(staff, this.clock.now()),
      oneTimePassword: password.oneTimePassword,
    };
  }

  /**
   * Role, display name, disabled. Disabling ends every session of the account at once. A role of
   * manager or admin becomes a pending change; the other fields sent with it apply at once.
   */
  async update(
    id: string,
    dto: UpdateStaffDto,
  ): Promise<StaffAccount | StaffChangePending> {
    const staff = await this.tenant.repository(StaffUser).findOrNotFound(id);
    const self = staff.id === currentPrincipal().staffId;
    if (
      self &&
      (dto.disabled === true ||
        (dto.role !== undefined && dto.role !== staff.role))
    )
      throw AppError.onField('not_on_self', 'role');
    if (
      dto.role === undefined &&
      dto.displayName === undefined &&
      dto.disabled === undefined
    )
      throw new AppError('nothing_to_change');

    const now = this.clock.now();
    const changes: StaffChanges = {};
    const patch: Partial<StaffUser> = {};
    const role = dto.role !== undefined && dto.role !== staff.role;
    const roleWaits = role && grantNeedsApproval(dto.role as StaffUser['role']);
    if (role && !roleWaits) {
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
    if (!roleWaits && Object.keys(changes).length === 0)
      return toStaffAccount(staff, now);

    return this.transactions.run(async (em) => {
      const pendingChange = roleWaits
        ? await this.changes.request(
            em,
            accountChange(staff, 'role', {
              role: dto.role ?? null,
              fromRole: staff.role,
            }),
          )
        : undefined;
      const updated = Object.keys(changes).length
        ? await this.writes.update(em, staff, patch, changes)
        : staff;
      const account = toStaffAccount(updated, now);
      return pendingChange ? { pendingChange, account } : account;
    });
  }

  /**
   * Removing another member's second factors (a lost phone or security key): always a pending
   * change for a second admin; on approval every factor and recovery code goes, the member's
   * sessions end and they enrol again at their next sign-in (when the policy requires it).
   */
  async requestSecondFactorReset(id: string): Promise<StaffChangePending> {
    const staff = await this.tenant.repository(StaffUser).findOrNotFound(id);
    if (staff.id === currentPrincipal().staffId)
      throw new AppError('own_factors');
    const pendingChange = await this.transactions.run((em) =>
      this.changes.request(em, accountChange(staff, 'reset_factors')),
    );
    return { pendingChange, account: toStaffAccount(staff, this.clock.now()) };
  }

  /** A new one-time password (never chosen by the admin); an admin's waits for a second admin. */
  async resetPassword(
    id: string,
  ): Promise<OneTimePasswordResponse | StaffChangePending> {
    const staff = await this.tenant.repository(StaffUser).findOrNotFound(id);
    if (staff.id === currentPrincipal().staffId)
      throw new AppError('own_password');
    if (passwordResetNeedsApproval(staff.role)) {
      const pendingChange = await this.transactions.run((em) =>
        this.changes.request(em, accountChange(staff, 'reset_password')),
      );
      return {
        pendingChange,
        account: toStaffAccount(staff, this.clock.now()),
      };
    }
    const password = await this.writes.newPassword(staff.username);
    const reset = await this.transactions.run((em) =>
      this.writes.resetPassword(em, staff, password),
    );
    return {
      account: toStaffAccount(reset, this.clock.now()),
      oneTimePassword: password.oneTimePassword,
    };
  }
}
