import { Injectable } from '@nestjs/common';
import { AppError } from '../infra/http/app-error';
import { createHash } from 'node:crypto';
import {
  closureRefusal,
  ibLogonDecision,
  LifecycleStatus,
} from '@certdesk/domain';
import { Certificate } from '../certificates/certificate.entity';
import { CreditUnion } from '../credit-unions/credit-union.entity';
import { Customer } from '../customers/customer.entity';
import { IbUser } from '../customers/ib-user.entity';
import { IbUserRepository } from '../customers/ib-user.repository';
import { Clock } from '../infra/clock/clock';
import { RenewalOverlapService } from './renewal-overlap.service';

/** Who logged on with a certificate, and in what state (attached to the request by the guard). */
export interface IbLogon {
  ibUser: IbUser;
  customer: Customer;
  creditUnion: CreditUnion;
  certificate: Certificate;
  status: LifecycleStatus;
  /** The presented certificate is the IB user's newest (false: a renewed one is issued but unused). */
  newest: boolean;
  /** The IB user's current (newest) certificate: the presented one when `newest`. */
  current: Certificate;
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
    private readonly ibUsers: IbUserRepository,
    private readonly clock: Clock,
    private readonly overlap: RenewalOverlapService,
  ) {}

  async logOn(presentedDer: Buffer | null): Promise<IbLogon> {
    if (!presentedDer || presentedDer.length === 0)
      throw new AppError('no_certificate');
    const fingerprint = createHash('sha256').update(presentedDer).digest('hex');
    const certificate =
      await this.ibUsers.certificateByFingerprint(fingerprint);
    if (!certificate) throw new AppError('unknown_certificate');
    const { ibUser, current: currentRow } =
      await this.ibUsers.withCurrentCertificate(certificate.ibUserId);
    const customer = await this.ibUsers.customerOf(ibUser);
    // 解約・削除 comes first: the certificate was revoked with it, but the customer is told why.
    const closed = closureRefusal(
      { status: customer.status ?? 'active' },
      { status: ibUser.status ?? 'active' },
    );
    if (closed) throw new AppError(closed.code, closed.message);
    const creditUnion = await this.ibUsers.creditUnionOf(ibUser);
    const isCurrent = ibUser.currentCertificateId === certificate.id;
    const current = isCurrent ? certificate : currentRow;
    const renewedBy =
      !isCurrent &&
      current?.renewedFromId === certificate.id &&
      !current.revokedAt
        ? {
            presentedExpiryDate: certificate.expiryDate,
            successorUsed: Boolean(current.firstLogonAt),
          }
        : undefined;
    const decision = ibLogonDecision(
      {
        current: isCurrent,
        revoked: certificate.revokedAt !== null,
        revocationReason: certificate.revocationReason,
        ...(renewedBy ? { renewedBy } : {}),
      },
      {
        expiryDate: ibUser.currentExpiryDate,
        revoked: ibUser.currentRevoked,
        reissue: ibUser.reissueState,
      },
      this.clock.today(),
      creditUnion,
    );
    if (!decision.ok) {
      if (renewedBy && decision.code === 'superseded' && current)
        await this.overlap.retire(certificate, current); // past its own expiry: onto the CRL now
      throw new AppError(decision.code, decision.reason);
    }
    if (decision.newest && !certificate.firstLogonAt)
      await this.overlap.firstLogon(certificate);
    return {
      ibUser,
      customer,
      creditUnion,
      certificate,
      status: decision.status,
      newest: decision.newest,
      current: current ?? certificate,
    };
  }
}
