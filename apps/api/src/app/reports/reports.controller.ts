import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { ExpiredUsersReport, ExpiryReport } from '@certdesk/contracts';
import { RequirePermission } from '../auth/permissions.decorator';
import { AuditSource } from './audit.source';
import { CsvExportService } from './csv-export.service';
import { ExpiredStatus, ExpiredUsersSource } from './expired-users.source';
import { ExpiryReportService } from './expiry-report.service';
import { AuditCsvDto, BranchCsvDto, BranchFilterDto, ExpiredUsersQueryDto } from './reports.dto';
import { ReportsService } from './reports.service';

/** Compliance reports (reports.read: compliance, manager) and their CSV exports. */
@ApiTags('reports')
@Controller('reports')
@RequirePermission('reports.read')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly csv: CsvExportService,
    private readonly expiredUsers: ExpiredUsersSource,
    private readonly expiry: ExpiryReportService,
    private readonly audit: AuditSource,
  ) {}

  @Get('expiry')
  @ApiOkResponse({ description: 'Certificates expiring per month and branch.' })
  expiryReport(@Query() q: BranchFilterDto): Promise<ExpiryReport> {
    return this.reports.expiryReport(q.branch);
  }

  @Get('locked-out')
  lockedOut(@Query() q: ExpiredUsersQueryDto): Promise<ExpiredUsersReport> {
    return this.reports.expiredUserList('expired', q);
  }

  @Get('past-limit')
  pastLimit(@Query() q: ExpiredUsersQueryDto): Promise<ExpiredUsersReport> {
    return this.reports.expiredUserList('past_limit', q);
  }

  @Get('locked-out.csv')
  @ApiProduces('text/csv')
  lockedOutCsv(@Query() q: BranchCsvDto, @Res() res: Response): Promise<void> {
    return this.expiredCsv('locked-out', 'expired', q, res);
  }

  @Get('past-limit.csv')
  @ApiProduces('text/csv')
  pastLimitCsv(@Query() q: BranchCsvDto, @Res() res: Response): Promise<void> {
    return this.expiredCsv('past-limit', 'past_limit', q, res);
  }

  @Get('expiry.csv')
  @ApiProduces('text/csv')
  async expiryCsv(@Query() q: BranchCsvDto, @Res() res: Response): Promise<void> {
    const { today } = await this.reports.header();
    await this.csv.send(res, {
      report: 'expiry', encoding: q.encoding ?? 'utf-8', unmappable: q.unmappable ?? 'refuse', filters: { branch: q.branch },
      source: await this.expiry.source(today, q.branch),
    });
  }

  @Get('audit.csv')
  @ApiProduces('text/csv')
  auditCsv(@Query() q: AuditCsvDto, @Res() res: Response): Promise<void> {
    return this.csv.send(res, {
      report: 'audit', encoding: q.encoding ?? 'utf-8', unmappable: q.unmappable ?? 'refuse',
      filters: { from: q.from, to: q.to }, source: this.audit.open({ from: q.from, to: q.to }),
    });
  }

  private async expiredCsv(report: string, status: ExpiredStatus, q: BranchCsvDto, res: Response): Promise<void> {
    await this.csv.send(res, {
      report, encoding: q.encoding ?? 'utf-8', unmappable: q.unmappable ?? 'refuse', filters: { branch: q.branch },
      source: await this.expiredUsers.open(status, { branch: q.branch }),
    });
  }
}
