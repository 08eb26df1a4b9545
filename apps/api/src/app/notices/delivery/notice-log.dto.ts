import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional } from 'class-validator';
import { NOTICE_KINDS, NoticeKind } from '@certdesk/notice-templates';
import {
  OptionalIsoDate,
  PageCursor,
  PageLimit,
} from '../../infra/http/query-fields';
import { NOTICE_DELIVERY_STATUSES } from '@certdesk/domain';
import { OutboxStatus } from '../dispatch/notice-outbox.entity';

/** Query of `GET /api/notices`; from/to are JST business dates (inclusive). */
export class NoticeLogQueryDto {
  @IsOptional()
  @IsIn(NOTICE_DELIVERY_STATUSES, {
    message: `status は ${NOTICE_DELIVERY_STATUSES.join(', ')} のいずれかで指定してください`,
  })
  status?: OutboxStatus;

  @IsOptional()
  @Type(() => Number)
  @IsInt({
    message: 'milestone は整数（有効期限日からの日数）で指定してください',
  })
  milestone?: number;

  @IsOptional()
  @IsIn(NOTICE_KINDS, {
    message: `kind は ${NOTICE_KINDS.join(', ')} のいずれかで指定してください`,
  })
  kind?: NoticeKind;

  @OptionalIsoDate()
  from?: string;

  @OptionalIsoDate()
  to?: string;

  @PageCursor(500)
  cursor?: string;

  @PageLimit()
  limit?: number;
}
