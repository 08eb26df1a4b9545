import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type {
  AuditLastVerification,
  AuditPage,
  AuditVerification,
} from '@certdesk/contracts';
import { RequirePermission } from '../auth/permissions.decorator';
import { AuditQueryDto } from './audit-query.dto';
import { AuditQueryService } from './audit-query.service';

/** The audit log of the signed-in staff member's credit union (compliance, managers). */
@ApiTags('audit')
@RequirePermission('audit.read')
@Controller('audit')
export class AuditController {
  constructor(private readonly queries: AuditQueryService) {}

  @Get()
  @ApiOkResponse({
    description: 'Audit records, newest first; `nextCursor` pages on.',
  })
  list(@Query() query: AuditQueryDto): Promise<AuditPage> {
    return this.queries.list(query);
  }

  @Get('verify')
  @ApiOkResponse({
    description: 'Recomputes the hash chain and names the first broken record.',
  })
  verify(): Promise<AuditVerification> {
    return this.queries.verify();
  }

  @Get('verification')
  @ApiOkResponse({
    description:
      'The last verification of the chain (the daily one or an on-demand run) and its last signed head.',
  })
  lastVerification(): Promise<AuditLastVerification> {
    return this.queries.lastVerification();
  }
}
