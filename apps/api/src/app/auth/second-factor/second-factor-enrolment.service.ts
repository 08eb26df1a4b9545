import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EnrolmentResult, TotpEnrolment } from '@certdesk/contracts';
import { AuditService } from '../../audit/audit.service';
import { Clock } from '../../infra/clock/clock';
import { Manager, Transactions } from '../../infra/database/transactions';
import { AppError } from '../../infra/http/app-error';
import { currentPrincipal } from '../../infra/tenancy/tenant';
import {
  newRecoveryCodes,
  newTotpSecret,
  recoveryCodeHash,
  totpEnrolment,
  totpStep,
} from './one-time-codes';
import { PasskeyCeremonies } from './passkey-ceremonies';
import { Owner, SecondFactorRepository } from './second-factor.repository';
import { SecondFactorService } from './second-factor.service';

/**
 * Enrolling a second factor (パスワード・認証設定): a one-time-code secret shown as a QR code and
 * confirmed with a first code, or a passkey; the first enrolment hands out 10 recovery codes (shown
 * once, stored hashed) and counts as this session's proof. Audited as `auth.second_factor.enrol`.
 */
@Injectable()
export class SecondFactorEnrolment {
  constructor(
    private readonly factors: SecondFactorService,
    private readonly repository: SecondFactorRepository,
    private readonly passkeys: PasskeyCeremonies,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /** A new one-time-code secret, waiting for its first code (replaces one never confirmed). */
  async startTotp(): Promise<TotpEnrolment> {
    const owner = this.factors.owner();
    const factors = await this.repository.credentials(owner);
    if (factors.some((c) => c.kind === 'totp' && c.confirmedAt))
      throw new AppError('totp_already_enrolled');
    const secret = newTotpSecret();
    await this.tx.run(async (em) => {
      await this.repository.deleteUnconfirmedTotp(em, owner);
      await this.repository.insertCredential(em, {
        ...this.factors.blank(owner, 'totp', '認証アプリ'),
        totpSecret: secret,
      });
    });
    const { otpauthUri, qrCode } = await totpEnrolment(
      secret,
      currentPrincipal().username,
    );
    return { secret, otpauthUri, qrCode };
  }

  async confirmTotp(code: string): Promise<EnrolmentResult> {
    const owner = this.factors.owner();
    const pending = (await this.repository.credentials(owner)).find(
      (c) => c.kind === 'totp' && !c.confirmedAt,
    );
    if (!pending?.totpSecret) throw new AppError('totp_not_started');
    const step = totpStep(pending.totpSecret, code.trim(), this.clock.now());
    const accepted =
      step !== null &&
      (await this.tx.run((em) =>
        this.repository.acceptTotpStep(em, pending, step, this.clock.now()),
      ));
    if (!accepted) {
      await this.factors.record('enrol', 'failure', {
        method: 'totp',
        reason: 'wrong_code',
      });
      throw AppError.onField('totp_code_invalid', 'code');
    }
    return this.enrolled('totp', pending.id);
  }

  async passkeyRegistrationOptions(): Promise<object> {
    const me = currentPrincipal();
    const options = await this.passkeys.registrationOptions(
      { id: me.staffId, username: me.username, displayName: me.displayName },
      await this.repository.credentials(this.factors.owner()),
    );
    await this.repository.setChallenge(
      me.sessionId,
      options.challenge,
      this.clock.now(),
    );
    return options;
  }

  async registerPasskey(
    response: unknown,
    name: string,
  ): Promise<EnrolmentResult> {
    const owner = this.factors.owner();
    const challenge = await this.factors.freshChallenge();
    const passkey = challenge
      ? await this.passkeys.verifyRegistration(response, challenge)
      : null;
    if (!passkey) {
      await this.factors.record('enrol', 'failure', {
        method: 'passkey',
        reason: challenge ? 'not_verified' : 'challenge',
      });
      throw new AppError(
        challenge ? 'passkey_not_registered' : 'passkey_challenge_expired',
      );
    }
    const id = randomUUID();
    await this.tx.run((em) =>
      this.repository.insertCredential(em, {
        ...this.factors.blank(owner, 'passkey', name.trim() || 'パスキー'),
        id,
        confirmedAt: this.clock.now(),
        ...passkey,
      }),
    );
    return this.enrolled('passkey', id);
  }

  /** Ten new recovery codes (the old ones stop working), shown once. */
  async regenerateRecoveryCodes(): Promise<EnrolmentResult> {
    const owner = this.factors.owner();
    if (!(await this.factors.status()).enrolled)
      throw new AppError('second_factor_not_enrolled');
    const codes = newRecoveryCodes();
    await this.tx.run(async (em) => {
      await this.storeRecoveryCodes(em, owner, codes);
      await this.audit.recordIn(
        em,
        this.factors.entry('recovery_codes', 'success', {
          count: codes.length,
        }),
      );
    });
    return { recoveryCodes: codes, status: await this.factors.status() };
  }

  /** The owner's recovery codes become `codes` (stored as hashes); the old ones stop working. */
  private storeRecoveryCodes(
    em: Manager,
    owner: Owner,
    codes: string[],
  ): Promise<void> {
    return this.repository.replaceRecoveryCodes(
      em,
      owner,
      codes.map(recoveryCodeHash),
      this.clock.now(),
    );
  }

  /** A factor was added: the account counts as enrolled, this session as proven; first recovery codes. */
  private async enrolled(
    method: 'passkey' | 'totp',
    id: string,
  ): Promise<EnrolmentResult> {
    const owner = this.factors.owner();
    const firstCodes = (await this.repository.recoveryCodesLeft(owner)) === 0;
    const codes = firstCodes ? newRecoveryCodes() : undefined;
    await this.tx.run(async (em) => {
      await this.repository.refreshEnrolled(em, owner);
      await this.repository.markProven(
        currentPrincipal().sessionId,
        this.clock.now(),
        em,
      );
      if (codes) await this.storeRecoveryCodes(em, owner, codes);
      await this.audit.recordIn(
        em,
        this.factors.entry('enrol', 'success', {
          method,
          credentialId: id,
          recoveryCodesIssued: codes?.length ?? 0,
        }),
      );
    });
    return { recoveryCodes: codes, status: await this.factors.status() };
  }
}
