import { Controller, Get, Param, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/permissions.decorator';
import { notFound } from '../infra/tenancy/tenant';
import { CertificateAuthorityService } from './certificate-authority.service';
import { CrlService } from './crl.service';

const CODE = /^\d{4}$/;

/** What relying parties and customers' browsers fetch without signing in: CA certificates and CRLs. */
@ApiTags('ib')
@Controller('ib')
@Public()
export class PkiPublicController {
  constructor(
    private readonly cas: CertificateAuthorityService,
    private readonly crl: CrlService,
  ) {}

  @Get('crl/:creditUnionCode.crl')
  @ApiOkResponse({ description: 'The credit union’s latest CRL (DER).' })
  async crlOf(
    @Param('creditUnionCode') code: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const der = CODE.test(code) ? await this.crl.currentByCode(code) : null;
    if (!der) throw notFound();
    publicDocument(res, 'application/pkix-crl', 300);
    return new StreamableFile(der);
  }

  @Get('ca/:creditUnionCode.pem')
  @ApiOkResponse({
    description: 'The credit union’s issuing CA certificate (PEM).',
  })
  async caOf(
    @Param('creditUnionCode') code: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const pem = CODE.test(code)
      ? await this.cas.certificatePemByCode(code)
      : null;
    if (!pem) throw notFound();
    publicDocument(res, 'application/x-pem-file', 3600);
    return pem;
  }
}

/**
 * A public document's type and caching, on success only: a refusal stays JSON and, like every
 * other /ib answer, `Cache-Control: no-store` (security-headers).
 */
function publicDocument(
  res: Response,
  contentType: string,
  maxAgeSeconds: number,
): void {
  res.setHeader('Content-Type', contentType);
  res.setHeader('Cache-Control', `public, max-age=${maxAgeSeconds}`);
}
