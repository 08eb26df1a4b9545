import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CLOSURE_REASON_MAX_LENGTH } from '@certdesk/domain';

/**
 * 解約 / 削除 by hand. The reason is required, but checked by the service after the row is found
 * (libs/domain `checkClosureReason`), so that another credit union's id answers 404 whatever the body.
 */
export class CloseDto {
  @IsOptional()
  @IsString({ message: '理由を入力してください' })
  @MaxLength(CLOSURE_REASON_MAX_LENGTH, {
    message: `理由は${CLOSURE_REASON_MAX_LENGTH}文字以内で入力してください`,
  })
  reason?: string;
}

export class DecideRemovalDto {
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: 'コメントは500文字以内で入力してください' })
  comment?: string;
}
