import { Module } from '@nestjs/common';
import { CertificateRepository } from '../certificates/certificate.repository';
import { AppConfig } from '../infra/config/config';
import { APP_CONFIG } from '../infra/config/app-config.module';
import {
  CA_TOKEN,
  CertificateAuthorityService,
} from './certificate-authority.service';
import { CertificateAuthorityRepository } from './certificate-authority.repository';
import { CertificateIssuanceService } from './certificate-issuance.service';
import { CertificateRevocationService } from './certificate-revocation.service';
import { CrlService } from './crl.service';
import { CaKeyImportService } from './keystore/ca-key-import.service';
import { Pkcs11CaKeystore } from './keystore/pkcs11-keystore';
import { SoftwareCaKeystore } from './keystore/software-keystore';

/**
 * Issuing CAs, issuance, revocation and CRLs — no HTTP, no start-up work, so the ops CLI can use it.
 * Feature modules that issue or revoke (the IB channel, reissue) import this module and call
 * {@link CertificateIssuanceService} / {@link CertificateRevocationService}.
 */
@Module({
  providers: [
    SoftwareCaKeystore,
    {
      // CA_KEYSTORE=pkcs11: loads pkcs11js now (a clear start-up error without it); connects lazily.
      provide: CA_TOKEN,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        config.caKeystore.kind === 'pkcs11'
          ? Pkcs11CaKeystore.create(config.caKeystore)
          : null,
    },
    CertificateAuthorityService,
    CertificateAuthorityRepository,
    CertificateRepository,
    CaKeyImportService,
    CrlService,
    CertificateIssuanceService,
    CertificateRevocationService,
  ],
  exports: [
    CaKeyImportService,
    CertificateAuthorityRepository,
    CertificateAuthorityService,
    CrlService,
    CertificateIssuanceService,
    CertificateRevocationService,
  ],
})
export class PkiModule {}
