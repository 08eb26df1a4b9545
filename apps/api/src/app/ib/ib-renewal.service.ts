import { Injectable } from '@nestjs/common';
import { AppError } from '../infra/http/app-error';
import { randomUUID } from 'node:crypto';
import type {
  IbIssuedCertificate,
  IbRenewalSessionView,
} from '@certdesk/contracts';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../infra/clock/clock';
import { Transactions } from '../infra/database/transactions';
import { CertificateAuthorityService } from '../pki/certificate-authority.service';
import { CertificateIssuanceService } from '../pki/certificate-issuance.service';
import { CrlService } from '../pki/crl.service';
import { issuanceRefusal } from '../pki/issuance-policy';
import { lockedFindOne } from '../pki/row-lock';
import { IbLogon } from './ib-logon.service';
import { IbRenewalSession } from './ib-renewal-session.entity';
import { issuedView } from './ib-issued-view';

/** How long 更新前処理 stays open for the browser to make its key and send the request. */
export const RENEWAL_SESSION_MINUTES = 10;
/** 409 once the session is past its {@link RENEWAL_SESSION_MINUTES}. */
export const sessionExpired = (): AppError =>
  new AppError(
    'renewal_session_expired',
    `更新手続きの有効時間（${RENEWAL_SESSION_MINUTES}分）を過ぎました。「重要なお知らせ」からやり直してください。`,
  );

/**
 * Renewal on the IB channel (certificate log-on): 更新前処理 opens a single-use session, inside
 * the renewal window only; the PKCS#10 sent with it is issued in the same transaction that
 * consumes the session, so a refused request leaves the session usable and a reused one issues nothing.
 */
@Injectable()
export class IbRenewalService {
  constructor(
    private readonly transactions: Transactions,
    private readonly issuance: CertificateIssuanceService,
    private readonly cas: CertificateAuthorityService,
    private readonly crl: CrlService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async open(logon: IbLogon): Promise<IbRenewalSessionView> {
    const { ibUser, creditUnion, certificate } = logon;
    const refusal = issuanceRefusal(
      'renewal',
      {
        // The presented certificate's window: renewing again from an older one (its successor unused).
        expiryDate: certificate.expiryDate,
        revoked: logon.newest ? ibUser.currentRevoked : false,
        reissue: ibUser.reissueState,
      },
      this.clock.today(),
      creditUnion,
    );
    if (refusal) throw new AppError('outside_renewal_window', refusal);
    const now = this.clock.now();
    const session: IbRenewalSession = {
      id: randomUUID(),
      creditUnionId: ibUser.creditUnionId,
      ibUserId: ibUser.id,
      certificateId: certificate.id,
      action: creditUnion.mediaStorage ? 'save_to_pc' : 'update',
      createdAt: now,
      expiresAt: new Date(now.getTime() + RENEWAL_SESSION_MINUTES * 60_000),
      usedAt: null,
      issuedCertificateId: null,
    };
    await this.transactions.run(async (em) => {
      await em.insert(IbRenewalSession, session);
      await this.audit.recordIn(em, {
        ...actorOf(logon),
        action: 'ib.renewal.open',
        outcome: 'success',
        creditUnionId: ibUser.creditUnionId,
        targetType: 'ib_user',
        targetId: ibUser.id,
        details: {
          sessionId: session.id,
          certificateId: certificate.id,
          action: session.action,
        },
      });
    });
    return {
      id: session.id,
      expiresAt: session.expiresAt.toISOString(),
      action: session.action,
      actionLabel:
        session.action === 'save_to_pc' ? 'パソコンに保存する' : '更新',
      certificate: {
        serialHex: certificate.serialHex,
        expiryDate: certificate.expiryDate,
      },
    };
  }

  async submit(
    logon: IbLogon,
    sessionId: string,
    csrPem: string,
  ): Promise<IbIssuedCertificate> {
    const { ibUser } = logon;
    const ca = await this.cas.forCreditUnion(ibUser.creditUnionId); // loaded before the transaction: no second connection inside it
    const result = await this.transactions.run(async (em) => {
      const session = await lockedFindOne(em, IbRenewalSession, {
        id: sessionId,
        ibUserId: ibUser.id,
      });
      if (!session) throw new AppError('renewal_session_not_found');
      if (session.usedAt) throw new AppError('renewal_session_used');
      if (
        session.expiresAt.getTime() <= this.clock.now().getTime() ||
        session.certificateId !== logon.certificate.id
      ) {
        throw sessionExpired();
      }
      const issued = await this.issuance.issue({
        ibUserId: ibUser.id,
        csrPem,
        via: 'renewal',
        renewedFromId: logon.certificate.id,
        manager: em,
      });
      await em.update(
        IbRenewalSession,
        { id: session.id },
        {
          usedAt: this.clock.now(),
          issuedCertificateId: issued.certificate.id,
        },
      );
      return issued;
    });
    if (result.supersededCertificateId)
      await this.crl.publishQuietly(ibUser.creditUnionId); // an unused renewed one reaches the CRL now
    return issuedView(result, ca.certificatePem, 'renewal');
  }
}

/** Media storage (電子証明書媒体保管): the current certificate stays retrievable for its holder. */
export async function storedCertificate(
  logon: IbLogon,
  cas: CertificateAuthorityService,
): Promise<IbIssuedCertificate> {
  if (!logon.creditUnion.mediaStorage || !logon.certificate.pem)
    throw new AppError('not_media_storage');
  const ca = await cas.forCreditUnion(logon.creditUnion.id);
  const via =
    logon.certificate.issuedVia === 'renewal' ? 'renewal' : 'acquisition';
  return issuedView(
    {
      certificate: logon.certificate,
      pem: logon.certificate.pem,
      supersededCertificateId: null,
    },
    ca.certificatePem,
    via,
  );
}

export function actorOf(logon: Pick<IbLogon, 'ibUser'>): {
  actorType: 'ib_user';
  actorId: string;
  actorName: string;
} {
  return {
    actorType: 'ib_user',
    actorId: logon.ibUser.id,
    actorName: logon.ibUser.loginId,
  };
}
