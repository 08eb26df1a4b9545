import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CustomerDetail } from '@certdesk/contracts';
import { RequirePermission } from '../auth/permissions.decorator';
import { idParam } from '../infra/http/id-param';
import { CustomerDetailService } from './customer-detail.service';
import { IbUserPinService } from './ib-user-pin.service';

@ApiTags('customers')
@Controller()
export class CustomersController {
  constructor(
    private readonly detail: CustomerDetailService,
    private readonly pins: IbUserPinService,
  ) {}

  /** An id that cannot exist answers 404 like any other missing customer. */
  @Get('customers/:id')
  @RequirePermission('certificates.read')
  @ApiOkResponse({
    description:
      'The customer, each IB user with status, reason and certificate history. Audited.',
  })
  get(@Param('id', idParam()) id: string): Promise<CustomerDetail> {
    return this.detail.get(id);
  }

  /** Clears the PIN lock after 5 wrong PINs (managers; audited). 409 when the user is not locked. */
  @Post('ib-users/:id/pin-unlock')
  @HttpCode(204)
  @RequirePermission('ibUsers.unlock')
  @ApiNoContentResponse({
    description: 'The IB user may try 電子証明書取得 again.',
  })
  unlockPin(@Param('id', idParam()) id: string): Promise<void> {
    return this.pins.unlock(id);
  }
}
