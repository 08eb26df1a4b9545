import { Module } from '@nestjs/common';
import { AuditSource } from './audit.source';
import { CsvExportService } from './csv-export.service';
import { ExpiredUsersSource } from './expired-users.source';
import { ExpiryReportService } from './expiry-report.service';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  controllers: [ReportsController],
  providers: [ReportsService, CsvExportService, ExpiredUsersSource, ExpiryReportService, AuditSource],
})
export class ReportsModule {}
