import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { Certificate } from '../certificates/certificate.entity';
import { IbUser } from '../customers/ib-user.entity';
import { Clock } from '../infra/clock/clock';
import { Transactions } from '../infra/database/transactions';
import { CertificateRevocationService } from '../pki/certificate-revocation.service';
import { CrlService } from '../pki/crl.service';
import { lockedFindOne } from '../pki/row-lock';

/**
 * The overlap after a renewal (libs/domain `replacedCertificateUsable`): the first log-on of a
 * certificate is recorded, and it retires the certificate it renewed (revoked as `superseded`,
 * on the CRL at once); a renewed-away certificate presented after its own expiry is retired too.
 */
@Injectable()
export class RenewalOverlapService {
  constructor(
    private readonly transactions: Transactions,
    private readonly revocation: CertificateRevocationService,
    private readonly crl: CrlService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /** The first log-on of `certificate` (exactly once, even when several requests race). */
  async firstLogon(certificate: Certificate): Promise<void> {
    const now = this.clock.now();
    const retired = await this.transactions.run(async (manager) => {
      // Lock order of every writer: IB user first, then its certificates.
      const user = await lockedFindOne(manager, IbUser, {
        id: certificate.ibUserId,
      });
      const marked = await manager
        .createQueryBuilder()
        .update(Certificate)
        .set({ firstLogonAt: now })
        .where('id = :id AND first_logon_at IS NULL', { id: certificate.id })
        .execute();
      if (!marked.affected || !user) return false;
      const actor = {
        actorType: 'ib_user' as const,
        actorId: user.id,
        actorName: user.loginId,
      };
      await this.audit.recordIn(manager, {
        ...actor,
        action: 'ib.certificate.first_logon',
        outcome: 'success',
        creditUnionId: certificate.creditUnionId,
        targetType: 'certificate',
        targetId: certificate.id,
        details: {
          serialHex: certificate.serialHex,
          renewedFromId: certificate.renewedFromId ?? null,
        },
      });
      return certificate.renewedFromId
        ? this.revocation.retireIn(
            manager,
            certificate.renewedFromId,
            certificate.id,
            actor,
          )
        : false;
    });
    certificate.firstLogonAt ??= now;
    if (retired) await this.crl.publishQuietly(certificate.creditUnionId);
  }

  /** A renewed-away certificate past its own expiry: revoked as `superseded` now. */
  async retire(replaced: Certificate, successor: Certificate): Promise<void> {
    if (replaced.revokedAt) return;
    const retired = await this.transactions.run(async (manager) => {
      await lockedFindOne(manager, IbUser, { id: replaced.ibUserId });
      return this.revocation.retireIn(manager, replaced.id, successor.id, {
        actorType: 'system',
        actorName: 'renewal-overlap',
      });
    });
    if (retired) await this.crl.publishQuietly(replaced.creditUnionId);
  }
}
