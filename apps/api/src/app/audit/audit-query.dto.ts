import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
} from 'class-validator';
import { isIsoDate } from '@certdesk/domain';
import { AUDIT_OUTCOMES, type AuditOutcome } from '@certdesk/contracts';

const IsJstDate = () =>
  ValidateBy({
    name: 'isJstDate',
    validator: {
      validate: (value: unknown) => isIsoDate(value),
      defaultMessage: () => '日付は YYYY-MM-DD の形で指定してください',
    },
  });

/** `GET /api/audit` query: newest first, optional filters, keyset paging on `seq`. */
export class AuditQueryDto {
  @ApiPropertyOptional({
    description: 'First day (JST), inclusive',
    example: '2026-12-01',
  })
  @IsOptional()
  @IsJstDate()
  from?: string;

  @ApiPropertyOptional({
    description: 'Last day (JST), inclusive',
    example: '2026-12-31',
  })
  @IsOptional()
  @IsJstDate()
  to?: string;

  @ApiPropertyOptional({ description: 'Exact action, e.g. `auth.login`' })
  @IsOptional()
  @IsString()
  @MaxLength(64, { message: '操作は64文字以内で指定してください' })
  action?: string;

  @ApiPropertyOptional({
    description: "Part of the actor's username (case-insensitive)",
  })
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: '操作者は100文字以内で指定してください' })
  actor?: string;

  @ApiPropertyOptional({ enum: AUDIT_OUTCOMES })
  @IsOptional()
  @IsIn(AUDIT_OUTCOMES, {
    message: `結果は ${AUDIT_OUTCOMES.join(' / ')} のいずれかで指定してください`,
  })
  outcome?: AuditOutcome;

  @ApiPropertyOptional({ description: '`nextCursor` of the previous page' })
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,9}$/, { message: 'カーソルが正しくありません' })
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '件数は整数で指定してください' })
  @Min(1, { message: '件数は1以上で指定してください' })
  @Max(200, { message: '件数は200以下で指定してください' })
  limit?: number;
}
