import { Controller, Get, Header, Param, StreamableFile } from '@nestjs/common';
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
  @Header('Content-Type', 'application/pkix-crl')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOkResponse({ description: 'The credit union’s latest CRL (DER).' })
  async crlOf(@Param('creditUnionCode') code: string): Promise<StreamableFile> {
    const der = CODE.test(code) ? await this.crl.currentByCode(code) : null;
    if (!der) throw notFound();
    return new StreamableFile(der);
  }

  @Get('ca/:creditUnionCode.pem')
  @Header('Content-Type', 'application/x-pem-file')
  @Header('Cache-Control', 'public, max-age=3600')
  @ApiOkResponse({
    description: 'The credit union’s issuing CA certificate (PEM).',
  })
  async caOf(@Param('creditUnionCode') code: string): Promise<string> {
    const pem = CODE.test(code)
      ? await this.cas.certificatePemByCode(code)
      : null;
    if (!pem) throw notFound();
    return pem;
  }
}
