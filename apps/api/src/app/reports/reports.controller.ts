import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type {
  ExpiredUsersReport,
  ExpiryReport,
  NoticeDeliveryReport,
  ReissueHistoryReport,
} from '@certdesk/contracts';
import { RequirePermission } from '../auth/permissions.decorator';
import { AuditSource } from './audit.source';
import { CsvExportService } from './csv-export.service';
import { CsvGet } from './csv-get';
import { ExpiredStatus, ExpiredUsersSource } from './expired-users.source';
import { ExpiryReportService } from './expiry-report.service';
import { NoticeDeliverySource, NoticeFilters } from './notice-delivery.source';
import { ReissueFilters } from './reissue-history.source';
import { ReportSource } from './report-source';
import {
  AuditCsvDto,
  BranchCsvDto,
  BranchFilterDto,
  CsvOptionsDto,
  ExpiredUsersQueryDto,
  NoticeCsvDto,
  NoticeFilterDto,
  ReissueCsvDto,
  ReissueFilterDto,
  ReissueReportQueryDto,
} from './reports.dto';
import { ReportsService } from './reports.service';

const reissueFilters = (q: ReissueFilterDto): ReissueFilters => ({
  from: q.from,
  to: q.to,
  status: q.status,
  branch: q.branch,
});
const noticeFilters = (q: NoticeFilterDto): NoticeFilters => ({
  from: q.from,
  to: q.to,
  milestone: q.milestone,
});

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
    private readonly notices: NoticeDeliverySource,
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

  @Get('reissues')
  @ApiOkResponse({
    description:
      'Reissue history, newest first: requester, approver, reason, time to approval and to acquisition.',
  })
  reissues(@Query() q: ReissueReportQueryDto): Promise<ReissueHistoryReport> {
    return this.reports.reissueHistory(reissueFilters(q), q);
  }

  @Get('notices')
  @ApiOkResponse({
    description:
      'Notices sent, failed and cancelled per milestone and JST business day.',
  })
  noticeDelivery(@Query() q: NoticeFilterDto): Promise<NoticeDeliveryReport> {
    return this.reports.noticeDelivery(noticeFilters(q));
  }

  @CsvGet('locked-out.csv')
  lockedOutCsv(@Query() q: BranchCsvDto, @Res() res: Response): Promise<void> {
    return this.expiredCsv('locked-out', 'expired', q, res);
  }

  @CsvGet('past-limit.csv')
  pastLimitCsv(@Query() q: BranchCsvDto, @Res() res: Response): Promise<void> {
    return this.expiredCsv('past-limit', 'past_limit', q, res);
  }

  @CsvGet('expiry.csv')
  async expiryCsv(
    @Query() q: BranchCsvDto,
    @Res() res: Response,
  ): Promise<void> {
    const { today } = await this.reports.header();
    await this.export(
      res,
      'expiry',
      q,
      { branch: q.branch },
      await this.expiry.source(today, q.branch),
    );
  }

  @CsvGet('reissues.csv')
  async reissuesCsv(
    @Query() q: ReissueCsvDto,
    @Res() res: Response,
  ): Promise<void> {
    const filters = reissueFilters(q);
    await this.export(
      res,
      'reissues',
      q,
      { ...filters },
      await this.reports.reissueSource(filters),
    );
  }

  @CsvGet('notices.csv')
  noticesCsv(@Query() q: NoticeCsvDto, @Res() res: Response): Promise<void> {
    const filters = noticeFilters(q);
    return this.export(
      res,
      'notices',
      q,
      { ...filters },
      this.notices.open(filters),
    );
  }

  @CsvGet('audit.csv')
  auditCsv(@Query() q: AuditCsvDto, @Res() res: Response): Promise<void> {
    return this.export(
      res,
      'audit',
      q,
      { from: q.from, to: q.to },
      this.audit.open({ from: q.from, to: q.to }),
    );
  }

  private async expiredCsv(
    report: string,
    status: ExpiredStatus,
    q: BranchCsvDto,
    res: Response,
  ): Promise<void> {
    await this.export(
      res,
      report,
      q,
      { branch: q.branch },
      await this.expiredUsers.open(status, { branch: q.branch }),
    );
  }

  private export<R>(
    res: Response,
    report: string,
    q: CsvOptionsDto,
    filters: Record<string, unknown>,
    source: ReportSource<R>,
  ): Promise<void> {
    return this.csv.send(res, { report, options: q, filters, source });
  }
}
