import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  REVOCATION_REASON_LABELS,
  RevokeCertificateRequest,
  STAFF_REVOCATION_REASONS,
  StaffRevocationReason,
} from '@certdesk/contracts';

const REASON_RULE = `失効理由は ${STAFF_REVOCATION_REASONS.map((r) => `${r}（${REVOCATION_REASON_LABELS[r]}）`).join('、')} のいずれかを指定してください`;
const COMMENT_RULE = 'コメントは500文字以内で入力してください';

/** Body of `POST /api/certificates/:id/revoke`. */
export class RevokeCertificateDto implements RevokeCertificateRequest {
  @ApiProperty({
    enum: STAFF_REVOCATION_REASONS,
    description: 'RFC 5280 reason, written into the CRL.',
  })
  @IsIn(STAFF_REVOCATION_REASONS, { message: REASON_RULE })
  reason!: StaffRevocationReason;

  @ApiPropertyOptional({
    description: 'Why, for the audit log (≤ 500 characters).',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim() : value,
  )
  @IsString({ message: COMMENT_RULE })
  @MaxLength(500, { message: COMMENT_RULE })
  comment?: string;
}
