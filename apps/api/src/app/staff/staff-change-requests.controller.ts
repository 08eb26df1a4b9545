import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type {
  StaffChangeDecision,
  StaffChangeRequestView,
} from '@certdesk/contracts';
import { RequirePermission } from '../auth/permissions.decorator';
import { idParam } from '../infra/http/id-param';
import {
  ApproveStaffChangeDto,
  ListStaffChangesDto,
  RejectStaffChangeDto,
} from './staff-change.dto';
import { StaffChangeRequestsService } from './staff-change-requests.service';
import { StepUp } from '../auth/second-factor/step-up.decorator';

/** 職員管理の承認待ち: another admin of the same credit union approves or rejects; the requester may cancel. */
@ApiTags('staff')
@Controller('staff-change-requests')
@RequirePermission('staff.manage')
export class StaffChangeRequestsController {
  constructor(private readonly changes: StaffChangeRequestsService) {}

  @Get()
  @ApiOkResponse({
    description: 'Newest first; pending unless `status` says otherwise.',
  })
  list(@Query() query: ListStaffChangesDto): Promise<StaffChangeRequestView[]> {
    return this.changes.list(query.status ?? 'pending');
  }

  @StepUp()
  @Post(':id/approve')
  @HttpCode(200)
  @ApiOkResponse({
    description:
      'Applied; a creation or password reset carries the one-time password (shown once, to the approver).',
  })
  approve(
    @Param('id', idParam()) requestId: string,
    @Body() dto: ApproveStaffChangeDto,
  ): Promise<StaffChangeDecision> {
    return this.changes.approve(requestId, dto.comment);
  }

  @StepUp()
  @Post(':id/reject')
  @HttpCode(200)
  reject(
    @Param('id', idParam()) requestId: string,
    @Body() dto: RejectStaffChangeDto,
  ): Promise<StaffChangeDecision> {
    return this.changes.reject(requestId, dto.comment);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(
    @Param('id', idParam()) requestId: string,
  ): Promise<StaffChangeDecision> {
    return this.changes.cancel(requestId);
  }
}
