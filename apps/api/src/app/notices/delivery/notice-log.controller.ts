import { Controller, Get, Param, Query } from '@nestjs/common';
import { PostAction } from '../../infra/http/post-action';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type {
  NoticeDeliveryDetail,
  NoticeDeliveryPage,
} from '@certdesk/contracts';
import { RequirePermission } from '../../auth/permissions.decorator';
import { NoticeLogQueryDto } from './notice-log.dto';
import { NoticeLogService } from './notice-log.service';
import { idParam } from '../../infra/http/id-param';

/** 通知の送信履歴: what was queued, sent, skipped, cancelled or failed, and why. */
@ApiTags('notices')
@Controller('notices')
export class NoticeLogController {
  constructor(private readonly log: NoticeLogService) {}

  @Get()
  @RequirePermission('certificates.read')
  @ApiOkResponse({
    description:
      'Notices newest first, filtered by status, milestone, kind and business date; keyset cursor.',
  })
  list(@Query() query: NoticeLogQueryDto): Promise<NoticeDeliveryPage> {
    return this.log.list(query);
  }

  @Get(':id')
  @RequirePermission('certificates.read')
  @ApiOkResponse({
    description:
      'One notice with the exact text sent, template version, Message-ID and server answer.',
  })
  detail(@Param('id', idParam()) id: string): Promise<NoticeDeliveryDetail> {
    return this.log.detail(id);
  }

  @PostAction(':id/resend')
  @RequirePermission('notices.run')
  @ApiOkResponse({
    description:
      'A failed notice queued again (audited) and sent in the background.',
  })
  resend(@Param('id', idParam()) id: string): Promise<NoticeDeliveryDetail> {
    return this.log.resend(id);
  }
}
