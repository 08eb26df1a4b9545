import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { NoticeSchedule } from '@certdesk/contracts';
import { RequirePermission } from '../../auth/permissions.decorator';
import { UpdateNoticeScheduleDto } from './notice-schedule.dto';
import { NoticeScheduleService } from './notice-schedule.service';
import { StepUp } from '../../auth/second-factor/step-up.decorator';

/** 通知スケジュール: the credit union's e-mail milestones. */
@ApiTags('notices')
@Controller('notice-schedule')
export class NoticeScheduleController {
  constructor(private readonly schedule: NoticeScheduleService) {}

  @Get()
  @RequirePermission('templates.read')
  @ApiOkResponse({
    description:
      'Milestones (days before/after expiry), each explained; post-expiry options; daily run time.',
  })
  get(): Promise<NoticeSchedule> {
    return this.schedule.view();
  }

  @StepUp()
  @Put()
  @RequirePermission('settings.write')
  @ApiOkResponse({
    description:
      'Saved (validated with libs/domain validateMilestones, audited).',
  })
  update(@Body() body: UpdateNoticeScheduleDto): Promise<NoticeSchedule> {
    return this.schedule.update(body);
  }
}
