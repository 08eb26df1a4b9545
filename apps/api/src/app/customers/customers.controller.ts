import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CustomerDetail } from '@certdesk/contracts';
import { RequirePermission } from '../auth/permissions.decorator';
import { notFound } from '../infra/tenancy/tenant';
import { CustomerDetailService } from './customer-detail.service';

@ApiTags('customers')
@Controller('customers')
export class CustomersController {
  constructor(private readonly detail: CustomerDetailService) {}

  /** An id that cannot exist answers 404 like any other missing customer. */
  @Get(':id')
  @RequirePermission('certificates.read')
  @ApiOkResponse({ description: 'The customer, each IB user with status, reason and certificate history. Audited.' })
  get(@Param('id', new ParseUUIDPipe({ exceptionFactory: notFound })) id: string): Promise<CustomerDetail> {
    return this.detail.get(id);
  }
}

