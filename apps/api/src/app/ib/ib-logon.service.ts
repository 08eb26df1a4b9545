import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ibLogonDecision, LifecycleStatus } from '@certdesk/domain';
import { Certificate } from '../certificates/certificate.entity';
import { CreditUnion } from '../credit-unions/credit-union.entity';
import { Customer } from '../customers/customer.entity';
import { IbUser } from '../customers/ib-user.entity';
import { Clock } from '../infra/clock/clock';

export const NO_CERTIFICATE_MESSAGE =
  '電子証明書が提示されていません。電子証明書をインストールしたパソコンからログオンしてください。';
export const UNKNOWN_CERTIFICATE_MESSAGE =
  'この電子証明書は当金庫の法人インターネットバンキングでは使用できません。';
export const NOT_ON_IB_CHANNEL_MESSAGE =
  '法人インターネットバンキングの接続先（https）からご利用ください。';

/** Who logged on with a certificate, and in what state (attached to the request by the guard). */
export interface IbLogon {
  ibUser: IbUser;
  customer: Customer;
  creditUnion: CreditUnion;
  certificate: Certificate;
  status: LifecycleStatus;
}

/**
 * 電子証明書方式のログオン: the presented certificate (TLS proved the key) must be one this
 * system issued — found by its SHA-256 fingerprint, so a look-alike from another CA never
 * matches — and the IB user's state on the business clock must allow log-on. Refusals carry the
 * customer's reason and a `code` (ApiError) the IB portal acts on.
 */
@Injectable()
export class IbLogonService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async logOn(presentedDer: Buffer | null): Promise<IbLogon> {
    if (!presentedDer || presentedDer.length === 0)
      throw new UnauthorizedException({
        message: NO_CERTIFICATE_MESSAGE,
        code: 'no_certificate',
      });
    const fingerprint = createHash('sha256').update(presentedDer).digest('hex');
    const certificate = await this.dataSource
      .getRepository(Certificate)
      .findOneBy({ fingerprintSha256: fingerprint });
    if (!certificate)
      throw new UnauthorizedException({
        message: UNKNOWN_CERTIFICATE_MESSAGE,
        code: 'unknown_certificate',
      });
    const ibUser = await this.dataSource
      .getRepository(IbUser)
      .findOneByOrFail({ id: certificate.ibUserId });
    const creditUnion = await this.dataSource
      .getRepository(CreditUnion)
      .findOneByOrFail({ id: ibUser.creditUnionId });
    const decision = ibLogonDecision(
      {
        current: ibUser.currentCertificateId === certificate.id,
        revoked: certificate.revokedAt !== null,
        revocationReason: certificate.revocationReason,
      },
      {
        expiryDate: ibUser.currentExpiryDate,
        revoked: ibUser.currentRevoked,
        reissue: ibUser.reissueState,
      },
      this.clock.today(),
      creditUnion,
    );
    if (!decision.ok)
      throw new ForbiddenException({
        message: decision.reason,
        code: decision.code,
      });
    const customer = await this.dataSource
      .getRepository(Customer)
      .findOneByOrFail({ id: ibUser.customerId });
    return {
      ibUser,
      customer,
      creditUnion,
      certificate,
      status: decision.status,
    };
  }
}
