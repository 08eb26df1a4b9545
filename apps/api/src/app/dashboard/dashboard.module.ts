import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller';
import { DashboardService } from './dashboard.service';
import { IbUserCountRepository } from './ib-user-count.repository';

@Module({
  controllers: [DashboardController],
  providers: [DashboardService, IbUserCountRepository],
})
export class DashboardModule {}
