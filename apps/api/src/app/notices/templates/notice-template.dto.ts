import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  NOTICE_TEMPLATE_STATUSES,
  type NoticeTemplateStatus,
} from '@certdesk/contracts';

const TOO_LONG = '長すぎます';

/** Body of `PUT /api/notice-templates/:kind/draft`; the template rules are checked by libs/notice-templates. */
export class SaveDraftDto {
  @IsString({ message: '件名（subject）を文字列で指定してください' })
  @MaxLength(1000, { message: TOO_LONG })
  subject!: string;

  @IsString({ message: '本文（body）を文字列で指定してください' })
  @MaxLength(20_000, { message: TOO_LONG })
  body!: string;
}

/** Body of `POST /api/notice-templates/:kind/preview` (all optional). */
export class PreviewDto {
  @IsOptional()
  @IsString()
  @MaxLength(1000, { message: TOO_LONG })
  subject?: string;

  @IsOptional()
  @IsString()
  @MaxLength(20_000, { message: TOO_LONG })
  body?: string;

  @IsOptional()
  @IsIn(NOTICE_TEMPLATE_STATUSES, {
    message: 'source は draft か published で指定してください',
  })
  source?: NoticeTemplateStatus;

  @IsOptional()
  @IsString()
  @MaxLength(64, { message: 'ibUserId はIB利用者のIDで指定してください' })
  ibUserId?: string;
}
