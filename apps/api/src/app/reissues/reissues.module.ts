import { Module } from '@nestjs/common';
import { NoticesModule } from '../notices/notices.module';
import { PkiModule } from '../pki/pki.module';
import { ReissueCommandsService } from './reissue-commands.service';
import { ReissueExpiryService } from './reissue-expiry.service';
import { ReissueQueriesService } from './reissue-queries.service';
import { ReissueRequestRepository } from './reissue-request.repository';
import { ReissuesController } from './reissues.controller';

@Module({
  imports: [PkiModule, NoticesModule],
  controllers: [ReissuesController],
  providers: [
    ReissueCommandsService,
    ReissueQueriesService,
    ReissueExpiryService,
    ReissueRequestRepository,
  ],
  exports: [ReissueExpiryService],
})
export class ReissuesModule {}
