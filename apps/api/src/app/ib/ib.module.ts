import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { NoticesModule } from '../notices/notices.module';
import { PkiModule } from '../pki/pki.module';
import { ReissuesModule } from '../reissues/reissues.module';
import { IbAcquisitionService } from './ib-acquisition.service';
import { IbController } from './ib.controller';
import { IbPinAttempts } from './ib-pin-attempts';
import { IbUserRepository } from '../customers/ib-user.repository';
import { IbRefusalAudit } from './ib-refusal-audit';
import { IbCertificateGuard, IbChannelGuard } from './ib-logon.guard';
import { IbLogonService } from './ib-logon.service';
import { IbRenewalService } from './ib-renewal.service';
import { IbTlsListener } from './ib-tls-listener';
import { RenewalOverlapService } from './renewal-overlap.service';

/** The customer's side: the mutual-TLS listener and the `/ib` routes behind it. */
@Module({
  imports: [AuthModule, PkiModule, NoticesModule, ReissuesModule],
  controllers: [IbController],
  providers: [
    IbTlsListener,
    IbLogonService,
    IbRenewalService,
    RenewalOverlapService,
    IbAcquisitionService,
    IbPinAttempts,
    IbUserRepository,
    IbRefusalAudit,
    IbChannelGuard,
    IbCertificateGuard,
  ],
  exports: [IbTlsListener],
})
export class IbModule {}
