import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  Validate,
} from 'class-validator';
import { NOTICE_KINDS, NoticeKind } from '@certdesk/notice-templates';
import { IsoDateConstraint } from '../../infra/http/iso-date.validator';
import { OutboxStatus } from '../dispatch/notice-outbox.entity';

export const OUTBOX_STATUSES: readonly OutboxStatus[] = [
  'pending',
  'sending',
  'sent',
  'failed',
  'given_up',
  'skipped',
  'cancelled',
];
const LIMIT = 'limit は1〜200の整数で指定してください';

/** Query of `GET /api/notices`; from/to are JST business dates (inclusive). */
export class NoticeLogQueryDto {
  @IsOptional()
  @IsIn(OUTBOX_STATUSES, {
    message: `status は ${OUTBOX_STATUSES.join(', ')} のいずれかで指定してください`,
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

  @IsOptional()
  @Validate(IsoDateConstraint)
  from?: string;

  @IsOptional()
  @Validate(IsoDateConstraint)
  to?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500, { message: 'cursor が正しくありません' })
  cursor?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: LIMIT })
  @Min(1, { message: LIMIT })
  @Max(200, { message: LIMIT })
  limit?: number;
}
