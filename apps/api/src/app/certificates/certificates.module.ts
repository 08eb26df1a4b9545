import { Module } from '@nestjs/common';
import { CertificateSearchService } from './certificate-search.service';
import { CertificatesController } from './certificates.controller';

@Module({ controllers: [CertificatesController], providers: [CertificateSearchService] })
export class CertificatesModule {}
