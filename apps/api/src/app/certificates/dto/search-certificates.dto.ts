import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  Validate,
} from 'class-validator';
import {
  LIFECYCLE_STATUSES,
  LifecycleStatus,
  IB_ROLES,
  IbRole,
} from '@certdesk/domain';
import { IsoDateConstraint } from '../../infra/http/iso-date.validator';

const toList = ({ value }: { value: unknown }): unknown =>
  value === undefined
    ? undefined
    : (Array.isArray(value) ? value : [value])
        .flatMap((v) => String(v).split(','))
        .filter(Boolean);

/** Query of `GET /api/certificates`; every refusal names its parameter. */
export class SearchCertificatesDto {
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: '検索語は100文字以内で入力してください' })
  q?: string;

  @IsOptional()
  @Transform(toList)
  @IsIn(LIFECYCLE_STATUSES, {
    each: true,
    message: `status は ${LIFECYCLE_STATUSES.join(', ')} のいずれかで指定してください`,
  })
  status?: LifecycleStatus[];

  @IsOptional()
  @Validate(IsoDateConstraint)
  expiresFrom?: string;

  @IsOptional()
  @Validate(IsoDateConstraint)
  expiresTo?: string;

  @IsOptional()
  @Matches(/^\d{3}$/, { message: 'branch は3桁の店番で指定してください' })
  branch?: string;

  @IsOptional()
  @IsIn(IB_ROLES, {
    message: 'ibRole は administrator か user で指定してください',
  })
  ibRole?: IbRole;

  @IsOptional()
  @IsIn(['expiry', 'company', 'status'], {
    message: 'sort は expiry, company, status のいずれかで指定してください',
  })
  sort?: 'expiry' | 'company' | 'status';

  @IsOptional()
  @IsString()
  @MaxLength(500, { message: 'cursor が正しくありません' })
  cursor?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit は1〜200の整数で指定してください' })
  @Min(1, { message: 'limit は1〜200の整数で指定してください' })
  @Max(200, { message: 'limit は1〜200の整数で指定してください' })
  limit?: number;
}
