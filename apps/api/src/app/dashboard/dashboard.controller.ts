import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { DashboardSummary } from '@certdesk/contracts';
import { RequirePermission } from '../auth/permissions.decorator';
import { DashboardService } from './dashboard.service';

@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @RequirePermission('certificates.read')
  @ApiOkResponse({
    description:
      'Counts per lifecycle status, what is due soon, and expiries per week.',
  })
  get(): Promise<DashboardSummary> {
    return this.dashboard.summary();
  }
}
