import { Injectable } from '@nestjs/common';
import { IB_TOO_MANY_ATTEMPTS_MESSAGE } from '@certdesk/contracts';
import { AppError, RetryLaterError } from '../infra/http/app-error';
import { EntityManager } from 'typeorm';
import { closureRefusal } from '@certdesk/domain';
import type {
  IbAcquisitionRequest,
  IbIssuedCertificate,
} from '@certdesk/contracts';
import { AuditService } from '../audit/audit.service';
import { Passwords } from '../auth/passwords';
import { Customer } from '../customers/customer.entity';
import { IbUser } from '../customers/ib-user.entity';
import { IbUserRepository } from '../customers/ib-user.repository';
import { Clock } from '../infra/clock/clock';
import { Transactions } from '../infra/database/transactions';
import {
  AttemptClaim,
  AttemptCounter,
  AttemptLimit,
  secondsUntil,
} from '../infra/limits/attempt-counter';
import { CertificateAuthorityService } from '../pki/certificate-authority.service';
import { CertificateIssuanceService } from '../pki/certificate-issuance.service';
import { lockedFindOne } from '../pki/row-lock';
import { ReissueExpiryService } from '../reissues/reissue-expiry.service';
import { issuedView } from './ib-issued-view';
import { IbPinAttempts, MAX_PIN_ATTEMPTS } from './ib-pin-attempts';
import { IbRefusalAudit } from './ib-refusal-audit';
import { actorOf } from './ib-renewal.service';

export { MAX_PIN_ATTEMPTS } from './ib-pin-attempts';
export const wrongCredentialsMessage = (left: number): string =>
  `ログインIDまたは暗証番号が正しくありません。あと${left}回誤って入力されると、ご利用いただけなくなります。`;

/** Failed acquisitions per client address (claimed before the PINs are checked; a right pair gives it back). */
export const IB_ADDRESS_LIMIT: AttemptLimit = {
  scope: 'ib_address',
  max: 20,
  windowMs: 15 * 60_000,
};
/** Attempts per login ID that matches no IB user: answered exactly like a real one's (5, then locked). */
export const IB_UNKNOWN_LOGIN_LIMIT: AttemptLimit = {
  scope: 'ib_unknown_login',
  max: MAX_PIN_ATTEMPTS,
  windowMs: 24 * 60 * 60_000,
};
/** A login ID may exist at several credit unions; at most this many are tried without a code. */
const MAX_CANDIDATES = 5;

const locked = () => new AppError('pin_locked');
const wrong = (left: number) =>
  new AppError('wrong_credentials', wrongCredentialsMessage(left));

/**
 * 電子証明書取得 (no certificate needed): the login ID with both PINs, then issuance as
 * `acquisition` — allowed for not issued, expired within the limit and reissue authorized (the
 * issuance policy words every refusal). In order:
 * 1. one attempt is claimed for the client address (429 with `Retry-After` past {@link IB_ADDRESS_LIMIT});
 * 2. one attempt is claimed on each IB user with that login ID (see {@link IbPinAttempts}) — or, for
 *    a login ID nobody has, on a counter of its own, answered exactly alike (same status, code,
 *    message, two argon2 verifications, locked after five);
 * 3. the PINs are verified (hashing is capped process-wide: 503 when too busy);
 * 4. a login ID held at several credit unions and sent without a code is refused only now, after
 *    the PINs matched one of them;
 * 5. issuance runs in one transaction that re-reads the IB user row locked and refuses a locked user.
 * Every refusal is audited (rate-limited, {@link IbRefusalAudit}); wrong PINs as `ib.acquisition.pin_failed`.
 */
@Injectable()
export class IbAcquisitionService {
  constructor(
    private readonly transactions: Transactions,
    private readonly ibUsers: IbUserRepository,
    private readonly passwords: Passwords,
    private readonly issuance: CertificateIssuanceService,
    private readonly cas: CertificateAuthorityService,
    private readonly reissues: ReissueExpiryService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly counter: AttemptCounter,
    private readonly attempts: IbPinAttempts,
    private readonly refusals: IbRefusalAudit,
  ) {}

  async acquire(
    request: IbAcquisitionRequest,
    address: string,
  ): Promise<IbIssuedCertificate> {
    const claim = await this.counter.claim(IB_ADDRESS_LIMIT, address);
    if (!claim) {
      await this.refuse('too_many_attempts', request);
      const current = await this.counter.current(IB_ADDRESS_LIMIT, address);
      const now = this.clock.now().getTime();
      throw new RetryLaterError(
        'too_many_attempts',
        secondsUntil(current?.windowEndsMs ?? now, now),
        IB_TOO_MANY_ATTEMPTS_MESSAGE,
      );
    }
    // Only right PINs give the address's slot back; a refusal as busy (503) in a burst stays counted.
    const user = await this.checkPins(request);
    await this.release(address, claim);
    return this.issue(user, request);
  }

  /** The one IB user whose PINs these are, or the refusal to throw. */
  private async checkPins(request: IbAcquisitionRequest): Promise<IbUser> {
    const candidates = await this.findCandidates(request);
    if (candidates.length === 0) return this.unknownLogin(request);
    const claimed: IbUser[] = [];
    for (const user of candidates)
      if (await this.attempts.claim(user.id)) claimed.push(user);
    if (claimed.length === 0) {
      await this.refuse('pin_locked', request, candidates[0]);
      throw locked();
    }
    let matches: boolean[];
    try {
      matches = await Promise.all(
        claimed.map((u) => this.pinsMatch(u, request)),
      );
    } catch (error) {
      for (const user of claimed) await this.attempts.release(user.id);
      throw error;
    }
    const matched = claimed.filter((_, i) => matches[i]);
    if (matched.length === 0) throw await this.failAll(claimed);
    if (candidates.length > 1) {
      // Someone who knows the PINs of one of them: ask for the credit union, counting nothing.
      for (const user of claimed)
        if (matched.includes(user)) await this.attempts.succeed(user.id);
        else await this.attempts.release(user.id);
      await this.refuse('credit_union_required', request);
      throw new AppError('credit_union_required');
    }
    if (!(await this.attempts.succeed(matched[0].id))) {
      await this.refuse('pin_locked', request, matched[0]);
      throw locked();
    }
    return matched[0];
  }

  private async issue(
    user: IbUser,
    request: IbAcquisitionRequest,
  ): Promise<IbIssuedCertificate> {
    const closed = await this.closedRefusal(this.transactions.manager, user);
    if (closed) {
      await this.refuse(closed.code, request, user);
      throw new AppError(closed.code, closed.message);
    }
    const ca = await this.cas.forCreditUnion(user.creditUnionId); // loaded before the transaction
    const result = await this.transactions.run(async (em) => {
      // Locked while this transaction issues: a lock set since the PINs were checked wins.
      const row = await lockedFindOne(em, IbUser, { id: user.id });
      if (!row || row.pinLockedAt) throw locked();
      const closed = await this.closedRefusal(em, row); // closed since the check above
      if (closed) throw new AppError(closed.code, closed.message);
      const issued = await this.issuance.issue({
        ibUserId: user.id,
        csrPem: request.csr,
        via: 'acquisition',
        manager: em,
      });
      await this.reissues.completeIn(em, user.id);
      return issued;
    });
    return issuedView(result, ca.certificatePem, 'acquisition');
  }

  private async findCandidates(
    request: IbAcquisitionRequest,
  ): Promise<IbUser[]> {
    return this.ibUsers.byLoginId(
      request.loginId,
      request.creditUnionCode,
      MAX_CANDIDATES,
    );
  }

  /** Both PINs verified (two argon2 verifications whatever is stored). */
  private async pinsMatch(
    user: IbUser,
    request: IbAcquisitionRequest,
  ): Promise<boolean> {
    const [pinOk, confirmationOk] = await Promise.all([
      user.pinHash
        ? this.passwords.verify(user.pinHash, request.pin)
        : this.passwords.verifyNothing(request.pin),
      user.confirmPinHash
        ? this.passwords.verify(user.confirmPinHash, request.confirmationPin)
        : this.passwords.verifyNothing(request.confirmationPin),
    ]);
    return pinOk && confirmationOk;
  }

  /** A login ID nobody has: the same work and the same answers as a real one with wrong PINs. */
  private async unknownLogin(request: IbAcquisitionRequest): Promise<never> {
    const subject = `${request.creditUnionCode ?? ''}:${request.loginId}`;
    const claim = await this.counter.claim(IB_UNKNOWN_LOGIN_LIMIT, subject);
    await this.refuse('unknown_login_id', request);
    if (!claim) throw locked();
    await Promise.all([
      this.passwords.verifyNothing(request.pin),
      this.passwords.verifyNothing(request.confirmationPin),
    ]);
    throw claim.count >= MAX_PIN_ATTEMPTS
      ? locked()
      : wrong(MAX_PIN_ATTEMPTS - claim.count);
  }

  /** Wrong PINs for every user tried: each keeps its claim (audited); the answer of the one closest to its lock. */
  private async failAll(users: IbUser[]): Promise<AppError> {
    const open: number[] = [];
    for (const user of users) {
      const after = await this.attempts.fail(user.id);
      await this.audit.record({
        ...actorOf({ ibUser: user }),
        action: 'ib.acquisition.pin_failed',
        outcome: 'failure',
        creditUnionId: user.creditUnionId,
        targetType: 'ib_user',
        targetId: user.id,
        details: { failedPinAttempts: after.failed, locked: after.locked },
      });
      if (!after.locked) open.push(MAX_PIN_ATTEMPTS - after.failed);
    }
    return open.length === 0 ? locked() : wrong(Math.max(1, Math.min(...open)));
  }

  /** 解約・削除: a removed IB user (or one of a closed customer) acquires nothing. */
  private async closedRefusal(
    em: EntityManager,
    user: IbUser,
  ): Promise<ReturnType<typeof closureRefusal>> {
    const customer = await em.findOneBy(Customer, { id: user.customerId });
    return closureRefusal(
      { status: customer?.status ?? 'active' },
      { status: user.status ?? 'active' },
    );
  }

  private release(address: string, claim: AttemptClaim): Promise<void> {
    return this.counter.release(IB_ADDRESS_LIMIT, address, claim);
  }

  private refuse(
    reason: string,
    request: IbAcquisitionRequest,
    user?: IbUser,
  ): Promise<void> {
    return this.refusals.record({
      action: 'ib.acquisition.refused',
      reason,
      entry: {
        creditUnionId: user?.creditUnionId ?? null,
        actorName: request.loginId,
        targetType: user ? 'ib_user' : null,
        targetId: user?.id ?? null,
        details: {
          loginId: request.loginId,
          creditUnionCode: request.creditUnionCode ?? null,
        },
      },
    });
  }
}
