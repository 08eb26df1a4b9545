import { Module } from '@nestjs/common';
import { PkiModule } from '../pki/pki.module';
import { ReissueCommandsService } from './reissue-commands.service';
import { ReissueExpiryService } from './reissue-expiry.service';
import { ReissueQueriesService } from './reissue-queries.service';
import { ReissuesController } from './reissues.controller';

@Module({
  imports: [PkiModule],
  controllers: [ReissuesController],
  providers: [ReissueCommandsService, ReissueQueriesService, ReissueExpiryService],
  exports: [ReissueExpiryService],
})
export class ReissuesModule {}
