import {
  BadRequestException,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import type {
  IbAcquisitionRequest,
  IbIssuedCertificate,
} from '@certdesk/contracts';
import { AuditService } from '../audit/audit.service';
import { Passwords } from '../auth/passwords';
import { CreditUnion } from '../credit-unions/credit-union.entity';
import { IbUser } from '../customers/ib-user.entity';
import { Clock } from '../infra/clock/clock';
import { CertificateAuthorityService } from '../pki/certificate-authority.service';
import { CertificateIssuanceService } from '../pki/certificate-issuance.service';
import { ReissueExpiryService } from '../reissues/reissue-expiry.service';
import { issuedView } from './ib-issued-view';
import { actorOf } from './ib-renewal.service';

/** 5 wrong attempts lock the IB user until a manager clears it. */
export const MAX_PIN_ATTEMPTS = 5;
export const WRONG_CREDENTIALS_MESSAGE =
  'ログインIDまたは暗証番号が正しくありません。';
export const PIN_LOCKED_MESSAGE = `暗証番号の誤りが${MAX_PIN_ATTEMPTS}回に達したため、ご利用を停止しています。お取引店にお問い合わせください。`;
export const AMBIGUOUS_LOGIN_MESSAGE =
  'ご利用の信用金庫を特定できません。金庫コード（creditUnionCode）を指定してください。';

/**
 * 電子証明書取得 (no certificate needed): the login ID with both PINs, then issuance as
 * `acquisition` — allowed for not issued, expired within the limit and reissue authorized (the
 * issuance policy words every refusal). Wrong PINs count on the IB user row, atomically; the
 * fifth locks it. The reissue request an acquisition uses is completed in the same transaction.
 */
@Injectable()
export class IbAcquisitionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly passwords: Passwords,
    private readonly issuance: CertificateIssuanceService,
    private readonly cas: CertificateAuthorityService,
    private readonly reissues: ReissueExpiryService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async acquire(request: IbAcquisitionRequest): Promise<IbIssuedCertificate> {
    const user = await this.findUser(request);
    if (!user) {
      await this.passwords.verifyNothing(request.pin);
      throw new UnauthorizedException({
        message: WRONG_CREDENTIALS_MESSAGE,
        code: 'wrong_credentials',
      });
    }
    if (user.pinLockedAt)
      throw new ForbiddenException({
        message: PIN_LOCKED_MESSAGE,
        code: 'pin_locked',
      });
    const [pinOk, confirmationOk] = await Promise.all([
      user.pinHash
        ? this.passwords.verify(user.pinHash, request.pin)
        : this.passwords.verifyNothing(request.pin),
      user.confirmPinHash
        ? this.passwords.verify(user.confirmPinHash, request.confirmationPin)
        : this.passwords.verifyNothing(request.confirmationPin),
    ]);
    if (!pinOk || !confirmationOk) await this.countFailure(user);

    const ca = await this.cas.forCreditUnion(user.creditUnionId); // loaded before the transaction
    const result = await this.dataSource.transaction(async (em) => {
      if (user.failedPinAttempts > 0)
        await em.update(IbUser, { id: user.id }, { failedPinAttempts: 0 });
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

  private async findUser(
    request: IbAcquisitionRequest,
  ): Promise<IbUser | null> {
    const qb = this.dataSource
      .getRepository(IbUser)
      .createQueryBuilder('u')
      .where('u.login_id = :loginId', { loginId: request.loginId });
    if (request.creditUnionCode) {
      qb.innerJoin(CreditUnion, 'cu', 'cu.id = u.credit_union_id').andWhere(
        'cu.code = :code',
        { code: request.creditUnionCode },
      );
    }
    const found = await qb.limit(2).getMany();
    if (found.length > 1)
      throw new BadRequestException({
        message: AMBIGUOUS_LOGIN_MESSAGE,
        details: [
          { field: 'creditUnionCode', reason: AMBIGUOUS_LOGIN_MESSAGE },
        ],
      });
    return found[0] ?? null;
  }

  /** One more wrong attempt, counted in the database (concurrent attempts all count); always throws. */
  private async countFailure(user: IbUser): Promise<never> {
    const now = this.clock.now();
    await this.dataSource
      .createQueryBuilder()
      .update(IbUser)
      .set({
        failedPinAttempts: () => 'failed_pin_attempts + 1',
        updatedAt: now,
      })
      .where('id = :id AND pin_locked_at IS NULL', { id: user.id })
      .execute();
    let after = await this.dataSource
      .getRepository(IbUser)
      .findOneByOrFail({ id: user.id });
    if (after.failedPinAttempts >= MAX_PIN_ATTEMPTS && !after.pinLockedAt) {
      await this.dataSource
        .getRepository(IbUser)
        .update({ id: user.id, pinLockedAt: IsNull() }, { pinLockedAt: now });
      after = await this.dataSource
        .getRepository(IbUser)
        .findOneByOrFail({ id: user.id });
    }
    const locked = after.pinLockedAt !== null;
    await this.audit.record({
      ...actorOf({ ibUser: user }),
      action: 'ib.acquisition.pin_failed',
      outcome: 'failure',
      creditUnionId: user.creditUnionId,
      targetType: 'ib_user',
      targetId: user.id,
      details: { failedPinAttempts: after.failedPinAttempts, locked },
    });
    if (locked)
      throw new ForbiddenException({
        message: PIN_LOCKED_MESSAGE,
        code: 'pin_locked',
      });
    const left = MAX_PIN_ATTEMPTS - after.failedPinAttempts;
    throw new UnauthorizedException({
      message: `${WRONG_CREDENTIALS_MESSAGE}あと${left}回誤るとご利用を停止します。`,
      code: 'wrong_credentials',
    });
  }
}
