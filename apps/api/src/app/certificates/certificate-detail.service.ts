import { Injectable } from '@nestjs/common';
import type {
  CertificateDetail,
  RevokeCertificateResponse,
} from '@certdesk/contracts';
import type { AuditEvent } from '../audit/audit-event.entity';
import { AuditService } from '../audit/audit.service';
import { successEntry } from '../audit/audit-entry';
import { Customer } from '../customers/customer.entity';
import { IbUser } from '../customers/ib-user.entity';
import { toCertificateView } from '../customers/certificate-view';
import { AppError } from '../infra/http/app-error';
import { TenantScope } from '../infra/tenancy/tenant-scope';
import { CertificateRevocationService } from '../pki/certificate-revocation.service';
import { Certificate } from './certificate.entity';
import { decodedCertificateView } from './decoded-certificate-view';
import { RevokeCertificateDto } from './dto/revoke-certificate.dto';

/** Staff: one certificate of the credit union, decoded; its PEM; revocation by a manager. Views and downloads are audited. */
@Injectable()
export class CertificateDetailService {
  constructor(
    private readonly scope: TenantScope,
    private readonly audit: AuditService,
    private readonly revocation: CertificateRevocationService,
  ) {}

  async get(id: string): Promise<CertificateDetail> {
    const detail = await this.detail(
      await this.scope.repository(Certificate).findOrNotFound(id),
    );
    await this.recordRead('certificate.view', id, detail.serialHex);
    return detail;
  }

  /** The PEM and a file name for it (`<login id>-<serial>.pem`). */
  async pem(id: string): Promise<{ fileName: string; pem: string }> {
    const certificate = await this.scope
      .repository(Certificate)
      .findOrNotFound(id);
    if (!certificate.pem) throw new AppError('no_pem');
    const user = await this.scope
      .repository(IbUser)
      .findOrNotFound(certificate.ibUserId);
    await this.recordRead('certificate.download', id, certificate.serialHex);
    return {
      fileName: `${user.loginId}-${certificate.serialHex}.pem`.replace(
        /[^A-Za-z0-9._-]/g,
        '_',
      ),
      pem: certificate.pem,
    };
  }

  /** Audits a staff member's look at a certificate (its detail, its PEM). */
  private recordRead(
    action: 'certificate.view' | 'certificate.download',
    id: string,
    serialHex: string,
  ): Promise<AuditEvent> {
    return this.audit.record(
      successEntry(action, 'certificate', id, { serialHex }),
    );
  }

  /** Revokes a certificate of the staff member's credit union (another credit union's id: 404). */
  async revoke(
    id: string,
    body: RevokeCertificateDto,
  ): Promise<RevokeCertificateResponse> {
    await this.scope.repository(Certificate).findOrNotFound(id);
    const { certificate, alreadyRevoked } = await this.revocation.revoke(
      id,
      body.reason,
      { actorType: 'staff' },
      { comment: body.comment },
    );
    return { certificate: await this.detail(certificate), alreadyRevoked };
  }

  private async detail(certificate: Certificate): Promise<CertificateDetail> {
    const user = await this.scope
      .repository(IbUser)
      .findOrNotFound(certificate.ibUserId);
    const customer = await this.scope
      .repository(Customer)
      .findOrNotFound(user.customerId);
    return {
      ...toCertificateView(certificate, user.currentCertificateId),
      ibUser: {
        id: user.id,
        loginId: user.loginId,
        name: user.name,
        ibRole: user.ibRole,
      },
      customer: {
        id: customer.id,
        contractNumber: customer.contractNumber,
        companyName: customer.companyName,
      },
      pem: certificate.pem,
      decoded: certificate.pem ? decodedCertificateView(certificate.pem) : null,
    };
  }
}
