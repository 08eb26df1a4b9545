import {
  MiddlewareConsumer,
  Module,
  NestModule,
  RequestMethod,
} from '@nestjs/common';
import { ImportModule } from '../import.module';
import { importBodyParser } from './import-body';
import { ImportInboxScheduler } from './import-inbox.scheduler';
import { ImportInboxService } from './import-inbox.service';
import { ImportJobs } from './import-jobs';
import { ImportMetrics } from './import-metrics';
import { ImportRunRepository } from './import-run.repository';
import { ImportRunsController } from './import-runs.controller';
import { ImportRunsService } from './import-runs.service';

/** 取込 in the console, 取込履歴, and the nightly inbox (issue 16). */
@Module({
  imports: [ImportModule],
  controllers: [ImportRunsController],
  providers: [
    ImportRunRepository,
    ImportRunsService,
    ImportInboxService,
    ImportInboxScheduler,
    ImportJobs,
    ImportMetrics,
  ],
  exports: [ImportRunsService, ImportInboxService],
})
export class ImportRunsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(importBodyParser())
      .forRoutes({ path: 'imports', method: RequestMethod.POST });
  }
}
