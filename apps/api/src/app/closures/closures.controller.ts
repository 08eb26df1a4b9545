import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { PostAction } from '../infra/http/post-action';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { RemovalRequestView } from '@certdesk/contracts';
import { RequirePermission } from '../auth/permissions.decorator';
import { idParam } from '../infra/http/id-param';
import { CloseDto, DecideRemovalDto } from './closures.dto';
import { ClosureResult, ClosureService } from './closure.service';
import { RemovalRequestsService } from './removal-requests.service';

/**
 * 解約・削除: a manager closes a customer or removes an IB user by hand on ご契約先 (with a
 * reason), and held removals of a full-file import are approved by a second manager or admin.
 */
@ApiTags('closures')
@Controller()
export class ClosuresController {
  constructor(
    private readonly closures: ClosureService,
    private readonly requests: RemovalRequestsService,
  ) {}

  /** 解約: the customer is closed, every IB user of theirs removed, their certificates revoked. 409 when closed already. */
  @PostAction('customers/:id/close')
  @RequirePermission('customers.close')
  @ApiOkResponse({
    description: 'What was closed, removed, revoked, cancelled. Audited.',
  })
  close(
    @Param('id', idParam()) id: string,
    @Body() dto: CloseDto,
  ): Promise<ClosureResult> {
    return this.closures.closeCustomer(id, dto.reason);
  }

  /** 削除: the IB user is removed, their certificates revoked. 409 when removed already. */
  @PostAction('ib-users/:id/remove')
  @RequirePermission('customers.close')
  @ApiOkResponse({
    description: 'What was removed, revoked, cancelled. Audited.',
  })
  remove(
    @Param('id', idParam()) id: string,
    @Body() dto: CloseDto,
  ): Promise<ClosureResult> {
    return this.closures.removeIbUser(id, dto.reason);
  }

  /** Held removals of full-file imports (newest first, at most 100). */
  @Get('removal-requests')
  @RequirePermission('removals.decide')
  list(): Promise<RemovalRequestView[]> {
    return this.requests.list();
  }

  @Get('removal-requests/:id')
  @RequirePermission('removals.decide')
  get(@Param('id', idParam()) id: string): Promise<RemovalRequestView> {
    return this.requests.get(id);
  }

  /** Applies the held removals (not by the importer: 403). 409 when decided already. */
  @PostAction('removal-requests/:id/approve')
  @RequirePermission('removals.decide')
  approve(
    @Param('id', idParam()) id: string,
    @Body() dto: DecideRemovalDto,
  ): Promise<ClosureResult> {
    return this.requests.approve(id, dto.comment);
  }

  @Post('removal-requests/:id/reject')
  @HttpCode(204)
  @RequirePermission('removals.decide')
  reject(
    @Param('id', idParam()) id: string,
    @Body() dto: DecideRemovalDto,
  ): Promise<void> {
    return this.requests.reject(id, dto.comment);
  }

  /** The importer withdraws their own held removals (403 for anyone else). 409 when decided already. */
  @Post('removal-requests/:id/cancel')
  @HttpCode(204)
  @RequirePermission('removals.decide')
  cancel(@Param('id', idParam()) id: string): Promise<void> {
    return this.requests.cancel(id);
  }
}
