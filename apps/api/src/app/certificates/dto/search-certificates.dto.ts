import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  LIFECYCLE_STATUSES,
  LifecycleStatus,
  IB_ROLES,
  IbRole,
} from '@certdesk/domain';
import {
  BranchCode,
  OptionalIsoDate,
  PageCursor,
  PageLimit,
} from '../../infra/http/query-fields';

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

  @OptionalIsoDate()
  expiresFrom?: string;

  @OptionalIsoDate()
  expiresTo?: string;

  @BranchCode()
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

  @PageCursor(500)
  cursor?: string;

  @PageLimit()
  limit?: number;
}
