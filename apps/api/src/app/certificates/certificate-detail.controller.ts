import { Body, Controller, Get, Param, Res } from '@nestjs/common';
import { PostAction } from '../infra/http/post-action';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type {
  CertificateDetail,
  RevokeCertificateResponse,
} from '@certdesk/contracts';
import { RequirePermission } from '../auth/permissions.decorator';
import { idParam } from '../infra/http/id-param';
import { CertificateDetailService } from './certificate-detail.service';
import { RevokeCertificateDto } from './dto/revoke-certificate.dto';
import { StepUp } from '../auth/second-factor/step-up.decorator';

/** One certificate of the staff member's credit union: decoded detail, PEM download, revocation. */
@ApiTags('certificates')
@Controller('certificates/:id')
export class CertificateDetailController {
  constructor(private readonly certificates: CertificateDetailService) {}

  @Get()
  @RequirePermission('certificates.read')
  @ApiOkResponse({
    description: 'The certificate with its decoded fields and PEM. Audited.',
  })
  get(
    @Param('id', idParam()) certificateId: string,
  ): Promise<CertificateDetail> {
    return this.certificates.get(certificateId);
  }

  @Get('pem')
  @RequirePermission('certificates.read')
  @ApiOkResponse({
    description: 'The certificate file (application/x-pem-file). Audited.',
  })
  async pem(
    @Param('id', idParam()) certificateId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const { fileName, pem } = await this.certificates.pem(certificateId);
    res.setHeader('Content-Type', 'application/x-pem-file');
    res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
    return pem;
  }

  @StepUp()
  @PostAction('revoke')
  @RequirePermission('certificates.revoke')
  @ApiOkResponse({
    description:
      'Revoked now, or already revoked (the first revocation stands). The CRL is re-issued. Audited.',
  })
  revoke(
    @Param('id', idParam()) certificateId: string,
    @Body() body: RevokeCertificateDto,
  ): Promise<RevokeCertificateResponse> {
    return this.certificates.revoke(certificateId, body);
  }
}
