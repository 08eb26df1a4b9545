import { Controller, Get, Query, Res } from '@nestjs/common';
import { IntersectionType } from '@nestjs/swagger';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { ClosureReport } from '@certdesk/contracts';
import { RequirePermission } from '../auth/permissions.decorator';
import { CsvExportService } from '../reports/csv-export.service';
import { CsvGet } from '../reports/csv-get';
import { CsvOptionsDto, PeriodDto } from '../reports/reports.dto';
import { ClosureReportService } from './closure-report';

class ClosureCsvDto extends IntersectionType(PeriodDto, CsvOptionsDto) {}

/** レポート 解約・削除 (reports.read: compliance, manager) and its CSV. */
@ApiTags('reports')
@Controller('reports')
@RequirePermission('reports.read')
export class ClosureReportController {
  constructor(
    private readonly closures: ClosureReportService,
    private readonly csv: CsvExportService,
  ) {}

  @Get('closures')
  @ApiOkResponse({
    description:
      'Customers closed and IB users removed in the period (JST dates), newest first, with reason and source.',
  })
  report(@Query() q: PeriodDto): Promise<ClosureReport> {
    return this.closures.report(q.from, q.to);
  }

  @CsvGet('closures.csv')
  async reportCsv(
    @Query() q: ClosureCsvDto,
    @Res() res: Response,
  ): Promise<void> {
    await this.csv.send(res, {
      report: 'closures',
      options: q,
      filters: { from: q.from, to: q.to },
      source: await this.closures.source(q.from, q.to),
    });
  }
}
