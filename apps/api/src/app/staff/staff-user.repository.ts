import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CreditUnion } from '../credit-unions/credit-union.entity';
import { Manager } from '../infra/database/transactions';
import { StaffChangeRequest } from './staff-change-request.entity';
import { StaffUser } from './staff-user.entity';

/**
 * The statements on staff accounts that cross credit unions on purpose (usernames are unique
 * installation-wide; the ops CLI creates a credit union's first admin before anyone is signed in).
 * Everything else about staff goes through `TenantScope`.
 */
@Injectable()
export class StaffUserRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Whether any credit union has an account with this username. */
  usernameTaken(username: string): Promise<boolean> {
    return this.dataSource.getRepository(StaffUser).existsBy({ username });
  }

  /** Taken by an account, or kept for an account whose creation waits for a second admin. */
  async usernameHeld(username: string): Promise<boolean> {
    return (
      (await this.usernameTaken(username)) ||
      (await this.dataSource
        .getRepository(StaffChangeRequest)
        .existsBy({ username, kind: 'create', status: 'pending' }))
    );
  }

  /** The credit union with this 4-digit code, or null. */
  creditUnionByCode(code: string): Promise<CreditUnion | null> {
    return this.dataSource.getRepository(CreditUnion).findOneBy({ code });
  }

  /** Inserts an account of the credit union it names (the CLI's first admin), in `manager`'s transaction. */
  async insertIn(manager: Manager, staff: StaffUser): Promise<void> {
    await manager.insert(StaffUser, staff);
  }

  /** The account with this (normalised) username in any credit union: log-in names no tenant. */
  byUsername(username: string): Promise<StaffUser | null> {
    return this.dataSource.getRepository(StaffUser).findOneBy({ username });
  }

  /** Counts one log-in attempt unless `max` are counted or the account is locked at `now`; false when refused. */
  async claimAttempt(id: string, max: number, now: Date): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(StaffUser)
      .set({ failedLoginCount: () => 'failed_login_count + 1' })
      .where(
        'id = :id AND failed_login_count < :max AND (locked_until IS NULL OR locked_until <= :now)',
        { id, max, now },
      )
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Gives a claimed attempt back (its check could not run). */
  async giveBackAttempt(id: string): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(StaffUser)
      .set({ failedLoginCount: () => 'failed_login_count - 1' })
      .where('id = :id AND failed_login_count > 0', { id })
      .execute();
  }

  /** The count starts afresh unless the account is locked at `now` (then false). */
  async clearFailures(id: string, now: Date): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(StaffUser)
      .set({ failedLoginCount: 0, lockedUntil: null })
      .where('id = :id AND (locked_until IS NULL OR locked_until <= :now)', {
        id,
        now,
      })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async failedLoginCount(id: string): Promise<number> {
    return (
      await this.dataSource.getRepository(StaffUser).findOneByOrFail({ id })
    ).failedLoginCount;
  }

  /** Locks the account until `lockedUntil` if `max` failures are counted (once: false when another did). */
  async lock(id: string, max: number, lockedUntil: Date): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(StaffUser)
      .createQueryBuilder()
      .update(StaffUser)
      .set({ lockedUntil, failedLoginCount: 0 })
      .where('id = :id AND failed_login_count >= :max', { id, max })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** A staff member's own account, by the id of the session's principal. */
  byId(id: string): Promise<StaffUser | null> {
    return this.dataSource.getRepository(StaffUser).findOneBy({ id });
  }

  byIdOrFail(id: string): Promise<StaffUser> {
    return this.dataSource.getRepository(StaffUser).findOneByOrFail({ id });
  }

  creditUnionById(id: string): Promise<CreditUnion> {
    return this.dataSource.getRepository(CreditUnion).findOneByOrFail({ id });
  }

  /** Changes the account `id` in `manager`'s transaction. */
  async update(
    manager: Manager,
    id: string,
    patch: Partial<StaffUser>,
  ): Promise<void> {
    await manager.update(StaffUser, { id }, patch);
  }
}
