import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { HealthResponse } from '@certdesk/contracts';
import { Clock } from '../infra/clock/clock';
import { AppConfig } from '../infra/config/config';
import { APP_CONFIG } from '../infra/config/config.module';
import { Public } from '../auth/permissions.decorator';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOkResponse({
    description: 'Database reachability and the business date.',
  })
  async get(): Promise<HealthResponse> {
    const reachable = await this.dataSource.query('SELECT 1').then(
      () => true,
      () => false,
    );
    return {
      status: reachable ? 'ok' : 'degraded',
      database: { type: this.config.database.type, reachable },
      now: this.clock.now().toISOString(),
      today: this.clock.today(),
      fixedClock: this.clock.fixed,
      version: process.env['npm_package_version'] ?? '0.0.0',
    };
  }
}
