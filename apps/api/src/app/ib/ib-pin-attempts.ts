import { Injectable } from '@nestjs/common';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { IbUser } from '../customers/ib-user.entity';
import { IbUserRepository } from '../customers/ib-user.repository';
import { Clock } from '../infra/clock/clock';

/** 5 wrong attempts lock the IB user until a manager clears it. */
export const MAX_PIN_ATTEMPTS = 5;

/**
 * PIN attempts counted on the IB user row, each a single conditional UPDATE so concurrent attempts
 * and several API processes count alike: an attempt is claimed before its PINs are verified and
 * refused once {@link MAX_PIN_ATTEMPTS} are counted or the user is locked; a right pair resets the
 * count, a wrong one keeps its claim and the fifth locks.
 */
@Injectable()
export class IbPinAttempts {
  constructor(
    private readonly ibUsers: IbUserRepository,
    private readonly clock: Clock,
  ) {}

  /** Counts one attempt before the PINs are checked; false (nothing counted) when locked or at the limit. */
  async claim(userId: string): Promise<boolean> {
    return this.update(
      { failedPinAttempts: () => 'failed_pin_attempts + 1' },
      'failed_pin_attempts < :max AND pin_locked_at IS NULL',
      userId,
    );
  }

  /** Gives a claim back (the PINs could not be checked, or they were another user's). */
  async release(userId: string): Promise<void> {
    await this.update(
      { failedPinAttempts: () => 'failed_pin_attempts - 1' },
      'failed_pin_attempts > 0',
      userId,
    );
  }

  /** The PINs were right: the count starts afresh; false when a concurrent failure has locked the user. */
  async succeed(userId: string): Promise<boolean> {
    return this.update(
      { failedPinAttempts: 0 },
      'pin_locked_at IS NULL',
      userId,
    );
  }

  /** The PINs were wrong: the claim stays; at {@link MAX_PIN_ATTEMPTS} the user locks (once). */
  async fail(userId: string): Promise<{ failed: number; locked: boolean }> {
    let row = await this.ibUsers.byIdOrFail(userId);
    if (row.failedPinAttempts >= MAX_PIN_ATTEMPTS && !row.pinLockedAt) {
      await this.update(
        { pinLockedAt: this.clock.now() },
        'pin_locked_at IS NULL AND failed_pin_attempts >= :max',
        userId,
      );
      row = await this.ibUsers.byIdOrFail(userId);
    }
    return { failed: row.failedPinAttempts, locked: row.pinLockedAt !== null };
  }

  private async update(
    set: QueryDeepPartialEntity<IbUser>,
    condition: string,
    userId: string,
  ): Promise<boolean> {
    return this.ibUsers.updateIf(
      userId,
      { ...set, updatedAt: this.clock.now() },
      condition,
      MAX_PIN_ATTEMPTS,
    );
  }
}
