import { Module } from '@nestjs/common';
import { PkiModule } from '../pki/pki.module';
import { CertificateDetailController } from './certificate-detail.controller';
import { CertificateDetailService } from './certificate-detail.service';
import { CertificateSearchService } from './certificate-search.service';
import { CertificateSearchRepository } from './certificate-search.repository';
import { NameMatch } from './name-match.repository';
import { CertificatesController } from './certificates.controller';

@Module({
  imports: [PkiModule],
  controllers: [CertificatesController, CertificateDetailController],
  providers: [
    CertificateSearchService,
    CertificateDetailService,
    CertificateSearchRepository,
    NameMatch,
  ],
})
export class CertificatesModule {}
