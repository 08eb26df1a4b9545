import { Controller, Get, Inject, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { HealthResponse, ReadinessResponse } from '@certdesk/contracts';
import { Clock } from '../infra/clock/clock';
import { AppConfig } from '../infra/config/config';
import { APP_CONFIG } from '../infra/config/app-config.module';
import { Public } from '../auth/permissions.decorator';
import { Readiness } from './readiness';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly readiness: Readiness,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOkResponse({
    description: 'Database reachability and the business date.',
  })
  @ApiServiceUnavailableResponse({
    description:
      'The same body, status "degraded": the database does not answer.',
  })
  async get(
    @Res({ passthrough: true }) res: Response,
  ): Promise<HealthResponse> {
    const reachable = await this.readiness.databaseReachable();
    if (!reachable) res.status(503);
    return {
      status: reachable ? 'ok' : 'degraded',
      database: { type: this.config.database.type, reachable },
      now: this.clock.now().toISOString(),
      today: this.clock.today(),
      fixedClock: this.clock.fixed,
      version: process.env['npm_package_version'] ?? '0.0.0',
    };
  }

  /** Liveness: the process answers (nothing else is asked, so a database outage never restarts it). */
  @Get('live')
  @ApiOkResponse({ description: 'The process answers.' })
  live(): { status: 'live' } {
    return { status: 'live' };
  }

  /** Readiness: whether to send this process traffic. */
  @Get('ready')
  @ApiOkResponse({
    description: 'Database reachable, no pending migration, CA keys open.',
  })
  @ApiServiceUnavailableResponse({
    description: 'Not ready: `failing` names the checks that fail.',
  })
  async ready(
    @Res({ passthrough: true }) res: Response,
  ): Promise<ReadinessResponse> {
    const result = await this.readiness.check();
    if (result.status !== 'ready') res.status(503);
    return result;
  }
}
