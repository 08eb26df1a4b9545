import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type {
  NoticeRunList,
  NoticeRunStarted,
  NoticeRunView,
} from '@certdesk/contracts';
import { RequirePermission } from '../../auth/permissions.decorator';
import { NoticeRunsService } from './notice-runs.service';
import { idParam } from '../../infra/http/id-param';

/** 通知の実行: 今すぐ実行 and its progress (the daily 06:00 run is listed too). */
@ApiTags('notices')
@Controller('notice-runs')
@RequirePermission('notices.run')
export class NoticeRunsController {
  constructor(private readonly runs: NoticeRunsService) {}

  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({
    description:
      'The run started in the background; poll GET /api/notice-runs/:id.',
  })
  start(): Promise<NoticeRunStarted> {
    return this.runs.startManual();
  }

  @Get()
  @ApiOkResponse({
    description: 'The 20 latest runs of the credit union, newest first.',
  })
  list(): Promise<NoticeRunList> {
    return this.runs.list();
  }

  @Get(':id')
  @ApiOkResponse({
    description: 'Phase, planned notices and their statuses now, progress 0…1.',
  })
  get(@Param('id', idParam()) id: string): Promise<NoticeRunView> {
    return this.runs.view(id);
  }
}
