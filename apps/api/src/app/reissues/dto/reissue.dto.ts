import {
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import {
  REISSUE_REASONS,
  REISSUE_STATUSES,
  ReissueReason,
  ReissueStatus,
} from '@certdesk/domain';

export class CreateReissueDto {
  @IsUUID('all', { message: 'ibUserId が正しくありません' })
  ibUserId!: string;

  @IsIn(REISSUE_REASONS, {
    message: `reason は ${REISSUE_REASONS.join(', ')} のいずれかで指定してください`,
  })
  reason!: ReissueReason;

  @IsOptional()
  @IsString()
  @MaxLength(500, { message: '理由は500文字以内で入力してください' })
  reasonText?: string;

  @IsString({ message: '本人確認の方法を入力してください' })
  @MinLength(1, { message: '本人確認の方法を入力してください' })
  @MaxLength(200, { message: '本人確認の方法は200文字以内で入力してください' })
  identityCheck!: string;

  @IsString({ message: '依頼書の受付日を入力してください' })
  formReceivedOn!: string;
}

export class DecideReissueDto {
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: 'コメントは500文字以内で入力してください' })
  comment?: string;
}

export class ListReissuesDto {
  @IsOptional()
  @IsIn(REISSUE_STATUSES, {
    message: `status は ${REISSUE_STATUSES.join(', ')} のいずれかで指定してください`,
  })
  status?: ReissueStatus;

  @IsOptional()
  @IsUUID('all', { message: 'ibUserId が正しくありません' })
  ibUserId?: string;
}
