import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { LessThan } from 'typeorm';
import { Transactions } from '../../infra/database/transactions';
import { StaffUser } from '../../staff/staff-user.entity';
import {
  StaffCredential,
  WebauthnLoginChallenge,
} from './staff-credential.entity';

/**
 * Statements of signing in with a passkey alone. Before sign-in there is no tenant yet: the
 * passkey's credential id (unique across the installation, like a username) names the account.
 */
@Injectable()
export class PasskeyLoginRepository {
  constructor(private readonly tx: Transactions) {}

  /** Stores a challenge; challenges older than `expiredBefore` are swept on the way. */
  async addChallenge(
    challenge: string,
    now: Date,
    expiredBefore: Date,
  ): Promise<void> {
    const em = this.tx.manager;
    await em.delete(WebauthnLoginChallenge, {
      createdAt: LessThan(expiredBefore),
    });
    await em.insert(WebauthnLoginChallenge, {
      id: randomUUID(),
      challenge,
      createdAt: now,
    });
  }

  /** Takes a challenge younger than `notBefore` away: true once, for one caller. */
  async takeChallenge(challenge: string, notBefore: Date): Promise<boolean> {
    const result = await this.tx.manager
      .createQueryBuilder()
      .delete()
      .from(WebauthnLoginChallenge)
      .where('challenge = :challenge AND created_at >= :notBefore', {
        challenge,
        notBefore,
      })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** The passkey with this credential id and its account, or null. */
  async passkey(
    credentialId: string,
  ): Promise<{ passkey: StaffCredential; staff: StaffUser } | null> {
    const passkey = await this.tx.manager
      .getRepository(StaffCredential)
      .findOneBy({ credentialId, kind: 'passkey' });
    if (!passkey) return null;
    const staff = await this.tx.manager
      .getRepository(StaffUser)
      .findOneBy({ id: passkey.staffUserId });
    return staff ? { passkey, staff } : null;
  }
}
