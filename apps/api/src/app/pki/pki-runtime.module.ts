import { Module } from '@nestjs/common';
import { PkiPublicController } from './pki-public.controller';
import { PkiStartup } from './pki-runtime';
import { PkiModule } from './pki.module';

/** The API process's PKI: public CA certificates and CRLs, CAs and CRLs kept up to date. */
@Module({
  imports: [PkiModule],
  controllers: [PkiPublicController],
  providers: [PkiStartup],
})
export class PkiRuntimeModule {}
