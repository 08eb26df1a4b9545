import { Body, Controller, Get, Param, Query } from '@nestjs/common';
import { PostAction } from '../infra/http/post-action';
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
  @PostAction(':id/approve')
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
  @PostAction(':id/reject')
  reject(
    @Param('id', idParam()) requestId: string,
    @Body() dto: RejectStaffChangeDto,
  ): Promise<StaffChangeDecision> {
    return this.changes.reject(requestId, dto.comment);
  }

  @PostAction(':id/cancel')
  cancel(
    @Param('id', idParam()) requestId: string,
  ): Promise<StaffChangeDecision> {
    return this.changes.cancel(requestId);
  }
}
