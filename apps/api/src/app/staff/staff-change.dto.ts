import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import type {
  StaffChangeDecisionRequest,
  StaffChangeStatusName,
} from '@certdesk/contracts';
import { STAFF_CHANGE_STATUSES, StaffChangeStatus } from '@certdesk/domain';

const COMMENT_LENGTH = 'コメントは500文字以内で入力してください';
const REASON_REQUIRED =
  '却下の理由をコメントに入力してください（500文字以内、依頼した職員が確認します）';
const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

export class ApproveStaffChangeDto implements StaffChangeDecisionRequest {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: COMMENT_LENGTH })
  @MaxLength(500, { message: COMMENT_LENGTH })
  comment?: string;
}

export class RejectStaffChangeDto implements StaffChangeDecisionRequest {
  @ApiProperty({ maxLength: 500, description: 'Why (required).' })
  @Transform(trim)
  @IsString({ message: REASON_REQUIRED })
  @Length(1, 500, { message: REASON_REQUIRED })
  comment!: string;
}

export class ListStaffChangesDto {
  @ApiPropertyOptional({ enum: STAFF_CHANGE_STATUSES })
  @IsOptional()
  @IsIn(STAFF_CHANGE_STATUSES, {
    message: `status は ${STAFF_CHANGE_STATUSES.join(', ')} のいずれかで指定してください`,
  })
  status?: StaffChangeStatusName & StaffChangeStatus;
}
