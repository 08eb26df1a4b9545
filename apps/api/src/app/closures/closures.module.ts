import { Module } from '@nestjs/common';
import { TenancyModule } from '../infra/tenancy/tenancy.module';
import { PkiModule } from '../pki/pki.module';
import { CsvExportService } from '../reports/csv-export.service';
import { ClosureReportService } from './closure-report';
import { ClosureReportController } from './closure-report.controller';
import { ClosureRepository } from './closure.repository';
import { ClosureService } from './closure.service';
import { ClosuresController } from './closures.controller';
import { RemovalRequestsService } from './removal-requests.service';

/** 解約・削除 (issue 16): hand closures, held removals of full-file imports, and their effects. */
@Module({
  imports: [PkiModule, TenancyModule],
  controllers: [ClosuresController, ClosureReportController],
  providers: [
    ClosureRepository,
    ClosureService,
    RemovalRequestsService,
    ClosureReportService,
    CsvExportService,
  ],
  exports: [ClosureRepository, ClosureService, RemovalRequestsService],
})
export class ClosuresModule {}
