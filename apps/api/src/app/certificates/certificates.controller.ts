import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CertificateSearchPage } from '@certdesk/contracts';
import { RequirePermission } from '../auth/permissions.decorator';
import { CertificateSearchService } from './certificate-search.service';
import { SearchCertificatesDto } from './dto/search-certificates.dto';

@ApiTags('certificates')
@Controller('certificates')
export class CertificatesController {
  constructor(private readonly search: CertificateSearchService) {}

  @Get()
  @RequirePermission('certificates.read')
  @ApiOkResponse({
    description:
      'IB users of the credit union with their current certificates and lifecycle status.',
  })
  list(@Query() query: SearchCertificatesDto): Promise<CertificateSearchPage> {
    return this.search.search(query);
  }
}
