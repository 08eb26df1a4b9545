import { Module } from '@nestjs/common';
import { CertificateAuthorityService } from './certificate-authority.service';
import { CertificateIssuanceService } from './certificate-issuance.service';
import { CertificateRevocationService } from './certificate-revocation.service';
import { CrlService } from './crl.service';

/**
 * Issuing CAs, issuance, revocation and CRLs — no HTTP, no start-up work, so the ops CLI can use it.
 * Feature modules that issue or revoke (the IB channel, reissue) import this module and call
 * {@link CertificateIssuanceService} / {@link CertificateRevocationService}.
 */
@Module({
  providers: [
    CertificateAuthorityService,
    CrlService,
    CertificateIssuanceService,
    CertificateRevocationService,
  ],
  exports: [
    CertificateAuthorityService,
    CrlService,
    CertificateIssuanceService,
    CertificateRevocationService,
  ],
})
export class PkiModule {}
