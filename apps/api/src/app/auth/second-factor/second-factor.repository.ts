import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import type { SecondFactorPolicy } from '@certdesk/domain';
import { CreditUnion } from '../../credit-unions/credit-union.entity';
import { Manager, Transactions } from '../../infra/database/transactions';
import {
  tenantCondition,
  tenantParameters,
} from '../../infra/tenancy/tenant-condition';
import { StaffUser } from '../../staff/staff-user.entity';
import { StaffSession } from '../staff-session.entity';
import { StaffCredential, StaffRecoveryCode } from './staff-credential.entity';

/** Who the statements are about: a staff member of a credit union. */
export interface Owner {
  staffId: string;
  creditUnionId: string;
}

/**
 * The statements of the second factor. Every state change that must happen once (a one-time code's
 * time step, a recovery code, a WebAuthn challenge) is one conditional UPDATE, so of simultaneous
 * attempts exactly one wins. Every statement carries the tenant condition.
 */
/** Deletes the owner's rows of `entity` (those that also match `also`, SQL ending in AND, when given). */
async function deleteOwned(
  em: Manager,
  entity: typeof StaffCredential | typeof StaffRecoveryCode,
  owner: Owner,
  also = '',
): Promise<void> {
  await em
    .createQueryBuilder()
    .delete()
    .from(entity)
    .where(`staff_user_id = :staff AND ${also}${tenantCondition()}`, {
      staff: owner.staffId,
      ...tenantParameters(owner.creditUnionId),
    })
    .execute();
}

@Injectable()
export class SecondFactorRepository {
  constructor(private readonly tx: Transactions) {}

  private get em(): Manager {
    return this.tx.manager;
  }

  credentials(owner: Owner, em: Manager = this.em): Promise<StaffCredential[]> {
    return em
      .getRepository(StaffCredential)
      .createQueryBuilder('c')
      .where(`c.staff_user_id = :staff AND ${tenantCondition('c')}`, {
        staff: owner.staffId,
        ...tenantParameters(owner.creditUnionId),
      })
      .orderBy('c.created_at', 'ASC')
      .getMany();
  }

  async insertCredential(
    em: Manager,
    credential: StaffCredential,
  ): Promise<void> {
    await em.insert(StaffCredential, credential);
  }

  /** Deletes one of the owner's factors; false when it is not theirs (or gone). */
  async deleteCredential(
    em: Manager,
    owner: Owner,
    id: string,
  ): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .delete()
      .from(StaffCredential)
      .where(`id = :id AND staff_user_id = :staff AND ${tenantCondition()}`, {
        id,
        staff: owner.staffId,
        ...tenantParameters(owner.creditUnionId),
      })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Drops a one-time-code secret that was never confirmed (a new enrolment replaces it). */
  async deleteUnconfirmedTotp(em: Manager, owner: Owner): Promise<void> {
    await deleteOwned(
      em,
      StaffCredential,
      owner,
      "kind = 'totp' AND confirmed_at IS NULL AND ",
    );
  }

  /**
   * Accepts a one-time code's time step once: moves `totp_last_step` forward (and confirms an
   * enrolment) only when `step` is newer than the last accepted one.
   */
  async acceptTotpStep(
    em: Manager,
    credential: StaffCredential,
    step: number,
    now: Date,
  ): Promise<boolean> {
    const patch: Partial<StaffCredential> = {
      totpLastStep: step,
      lastUsedAt: now,
    };
    if (!credential.confirmedAt) patch.confirmedAt = now;
    const result = await em
      .createQueryBuilder()
      .update(StaffCredential)
      .set(patch)
      .where(
        `id = :id AND ${tenantCondition()} AND (totp_last_step IS NULL OR totp_last_step < :step)`,
        {
          id: credential.id,
          step,
          ...tenantParameters(credential.creditUnionId),
        },
      )
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** A passkey was used: its new signature counter and backed-up flag. */
  async recordPasskeyUse(
    credential: StaffCredential,
    counter: number,
    backedUp: boolean,
    now: Date,
  ): Promise<void> {
    await this.em.update(
      StaffCredential,
      { id: credential.id, creditUnionId: credential.creditUnionId },
      { counter, backedUp, lastUsedAt: now },
    );
  }

  /** Replaces the owner's recovery codes by these hashes. */
  async replaceRecoveryCodes(
    em: Manager,
    owner: Owner,
    hashes: string[],
    now: Date,
  ): Promise<void> {
    await this.deleteRecoveryCodes(em, owner);
    await em.insert(
      StaffRecoveryCode,
      hashes.map((codeHash, i) => ({
        id: randomUUID(),
        creditUnionId: owner.creditUnionId,
        staffUserId: owner.staffId,
        codeHash,
        createdAt: new Date(now.getTime() + i), // keeps their order
        usedAt: null,
      })),
    );
  }

  async deleteRecoveryCodes(em: Manager, owner: Owner): Promise<void> {
    await deleteOwned(em, StaffRecoveryCode, owner);
  }

  /** Spends one unused recovery code; false when there is no such unused code. */
  async useRecoveryCode(
    owner: Owner,
    hash: string,
    now: Date,
  ): Promise<boolean> {
    const result = await this.em
      .createQueryBuilder()
      .update(StaffRecoveryCode)
      .set({ usedAt: now })
      .where(
        `staff_user_id = :staff AND code_hash = :hash AND used_at IS NULL AND ${tenantCondition()}`,
        {
          staff: owner.staffId,
          hash,
          ...tenantParameters(owner.creditUnionId),
        },
      )
      .execute();
    return (result.affected ?? 0) > 0;
  }

  recoveryCodesLeft(owner: Owner): Promise<number> {
    return this.em.getRepository(StaffRecoveryCode).countBy({
      staffUserId: owner.staffId,
      creditUnionId: owner.creditUnionId,
      usedAt: IsNull(),
    });
  }

  /** Sets `staff_user.second_factor_enrolled` from what the owner has now; returns it. */
  async refreshEnrolled(em: Manager, owner: Owner): Promise<boolean> {
    const enrolled = (await this.credentials(owner, em)).some(
      (c) => c.kind === 'passkey' || c.confirmedAt !== null,
    );
    await em
      .createQueryBuilder()
      .update(StaffUser)
      .set({ secondFactorEnrolled: enrolled })
      .where(`id = :staff AND ${tenantCondition()}`, {
        staff: owner.staffId,
        ...tenantParameters(owner.creditUnionId),
      })
      .execute();
    return enrolled;
  }

  /** This session proved the second factor at `now`. */
  async markProven(
    sessionId: string,
    now: Date,
    em: Manager = this.em,
  ): Promise<void> {
    await em.update(
      StaffSession,
      { id: sessionId, endedAt: IsNull() },
      { secondFactorAt: now },
    );
  }

  async setChallenge(
    sessionId: string,
    challenge: string,
    now: Date,
  ): Promise<void> {
    await this.em.update(
      StaffSession,
      { id: sessionId, endedAt: IsNull() },
      { webauthnChallenge: challenge, webauthnChallengeAt: now },
    );
  }

  /** Takes the session's pending challenge away (once: a concurrent taker gets null). */
  async takeChallenge(
    sessionId: string,
  ): Promise<{ challenge: string; at: Date } | null> {
    const session = await this.em
      .getRepository(StaffSession)
      .findOneBy({ id: sessionId });
    if (!session?.webauthnChallenge || !session.webauthnChallengeAt)
      return null;
    const result = await this.em
      .createQueryBuilder()
      .update(StaffSession)
      .set({ webauthnChallenge: null, webauthnChallengeAt: null })
      .where('id = :id AND webauthn_challenge = :challenge', {
        id: sessionId,
        challenge: session.webauthnChallenge,
      })
      .execute();
    return (result.affected ?? 0) > 0
      ? {
          challenge: session.webauthnChallenge,
          at: session.webauthnChallengeAt,
        }
      : null;
  }

  /** Removes every factor and recovery code of the owner (the approved reset). */
  async resetAll(em: Manager, owner: Owner): Promise<number> {
    const removed = (await this.credentials(owner, em)).length;
    await deleteOwned(em, StaffCredential, owner);
    await this.deleteRecoveryCodes(em, owner);
    await this.refreshEnrolled(em, owner);
    return removed;
  }

  async setPolicy(
    em: Manager,
    creditUnionId: string,
    policy: SecondFactorPolicy,
  ): Promise<void> {
    await em
      .createQueryBuilder()
      .update(CreditUnion)
      .set({ secondFactorPolicy: policy })
      .where(`id = :id`, { id: creditUnionId })
      .execute();
  }
}
