import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
} from '@nestjs/common';
import { AppError } from '../infra/http/app-error';
import type { Request } from 'express';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type {
  IbIssuedCertificate,
  IbMe,
  IbNotice,
  IbRenewalSessionView,
} from '@certdesk/contracts';
import {
  daysBetween,
  IB_RENEWAL_PATH,
  jstDate,
  renewalConfirmedToday,
} from '@certdesk/domain';
import { Clock } from '../infra/clock/clock';
import { ImportantNoticeService } from '../notices/templates/important-notice.service';
import { IbAcquisitionDto, IbCsrDto } from './dto/ib.dto';
import { IbAcquisitionService } from './ib-acquisition.service';
import { CurrentIbLogon, IbRoute } from './ib-logon.guard';
import { IbLogon } from './ib-logon.service';
import { IbRenewalService, storedCertificate } from './ib-renewal.service';
import { CertificateAuthorityService } from '../pki/certificate-authority.service';

/** Where the IB portal opens renewal (the notice's 「電子証明書の更新はこちら」): the one shared path. */
export const IB_PORTAL_RENEWAL_PATH = IB_RENEWAL_PATH;

const sessionId = new ParseUUIDPipe({
  exceptionFactory: () => new AppError('renewal_session_not_found'),
});

/** The IB channel (`/ib`, on the mutual-TLS listener only): certificate log-on, 重要なお知らせ, renewal, acquisition. */
@ApiTags('ib')
@Controller('ib')
export class IbController {
  constructor(
    private readonly renewals: IbRenewalService,
    private readonly acquisitions: IbAcquisitionService,
    private readonly notices: ImportantNoticeService,
    private readonly clock: Clock,
    private readonly cas: CertificateAuthorityService,
  ) {}

  @Get('me')
  @IbRoute('certificate')
  @ApiOkResponse({
    description:
      'Whose certificate this connection presented; 401/403 with the reason (ApiError.code) otherwise.',
  })
  me(@CurrentIbLogon() logon: IbLogon): IbMe {
    const { creditUnion, customer, ibUser, certificate, status, current } =
      logon;
    const today = this.clock.today();
    return {
      creditUnion: {
        code: creditUnion.code,
        name: creditUnion.name,
        mediaStorage: creditUnion.mediaStorage,
      },
      customer: {
        contractNumber: customer.contractNumber,
        companyName: customer.companyName,
      },
      ibUser: {
        loginId: ibUser.loginId,
        name: ibUser.name,
        ibRole: ibUser.ibRole,
      },
      certificate: {
        serialHex: certificate.serialHex,
        expiryDate: certificate.expiryDate,
        notAfter: certificate.notAfter.toISOString(),
        issuedAt: certificate.createdAt.toISOString(),
      },
      status,
      daysLeft: daysBetween(today, certificate.expiryDate),
      newest: logon.newest,
      newerCertificate: logon.newest
        ? null
        : {
            serialHex: current.serialHex,
            issuedAt: current.createdAt.toISOString(),
            expiryDate: current.expiryDate,
          },
      renewalConfirmed: renewalConfirmedToday(
        {
          issuedVia: certificate.issuedVia,
          firstLogonDate: certificate.firstLogonAt
            ? jstDate(certificate.firstLogonAt)
            : null,
        },
        today,
      ),
    };
  }

  @Get('certificate')
  @IbRoute('certificate')
  @ApiOkResponse({
    description:
      'Media storage only: the current certificate again (PEM, PKCS#7, decoded); 404 otherwise.',
  })
  certificate(@CurrentIbLogon() logon: IbLogon): Promise<IbIssuedCertificate> {
    return storedCertificate(logon, this.cas);
  }

  @Get('notices')
  @IbRoute('certificate')
  @ApiOkResponse({
    description:
      '重要なお知らせ: the renewal notice while the certificate is renewal_due.',
  })
  async importantNotices(
    @CurrentIbLogon() logon: IbLogon,
  ): Promise<IbNotice[]> {
    const notice = await this.notices.renewalNotice(
      logon.ibUser.id,
      IB_PORTAL_RENEWAL_PATH,
    );
    return notice
      ? [
          {
            id: 'renewal',
            kind: notice.kind,
            title: notice.title,
            html: notice.html,
            text: notice.text,
          },
        ]
      : [];
  }

  @Post('renewals')
  @IbRoute('certificate')
  @ApiCreatedResponse({
    description:
      '更新前処理: a single-use renewal session (inside the renewal window only).',
  })
  openRenewal(@CurrentIbLogon() logon: IbLogon): Promise<IbRenewalSessionView> {
    return this.renewals.open(logon);
  }

  @Post('renewals/:id/csr')
  @IbRoute('certificate')
  @HttpCode(201)
  @ApiCreatedResponse({
    description:
      'The renewed certificate (PEM, PKCS#7, decoded); the old one is revoked as superseded.',
  })
  renew(
    @CurrentIbLogon() logon: IbLogon,
    @Param('id', sessionId) id: string,
    @Body() body: IbCsrDto,
  ): Promise<IbIssuedCertificate> {
    return this.renewals.submit(logon, id, body.csr);
  }

  @Post('acquisitions')
  @IbRoute('pin')
  @ApiCreatedResponse({
    description:
      '電子証明書取得 with the login ID and both PINs (no certificate needed).',
  })
  acquire(
    @Body() body: IbAcquisitionDto,
    @Req() req: Request,
  ): Promise<IbIssuedCertificate> {
    return this.acquisitions.acquire(body, req.ip ?? 'unknown');
  }
}
