import { Module } from '@nestjs/common';
import { ReissuesModule } from '../reissues/reissues.module';
import { AuditSource } from './audit.source';
import { CsvExportService } from './csv-export.service';
import { ExpiredUsersSource } from './expired-users.source';
import { ExpiryReportService } from './expiry-report.service';
import { NoticeDeliverySource } from './notice-delivery.source';
import { ReissueHistorySource } from './reissue-history.source';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  imports: [ReissuesModule],
  controllers: [ReportsController],
  providers: [
    ReportsService,
    CsvExportService,
    ExpiredUsersSource,
    ExpiryReportService,
    AuditSource,
    ReissueHistorySource,
    NoticeDeliverySource,
  ],
})
export class ReportsModule {}
