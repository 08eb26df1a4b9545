import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, Validate } from 'class-validator';
import { IsoDateConstraint } from '../infra/http/iso-date.validator';

export class BranchFilterDto {
  @IsOptional() @Matches(/^\d{3}$/, { message: 'branch は3桁の店番で指定してください' })
  branch?: string;
}

export class ExpiredUsersQueryDto extends BranchFilterDto {
  @IsOptional() @IsString() @MaxLength(200, { message: 'cursor が正しくありません' })
  cursor?: string;

  @IsOptional() @Type(() => Number) @IsInt({ message: 'limit は1〜200の整数で指定してください' })
  @Min(1, { message: 'limit は1〜200の整数で指定してください' }) @Max(200, { message: 'limit は1〜200の整数で指定してください' })
  limit?: number;
}

export class CsvOptionsDto {
  @IsOptional() @IsIn(['utf-8', 'cp932'], { message: 'encoding は utf-8 か cp932 で指定してください' })
  encoding?: 'utf-8' | 'cp932';

  @IsOptional() @IsIn(['refuse', 'replace'], { message: 'unmappable は refuse か replace で指定してください' })
  unmappable?: 'refuse' | 'replace';
}

export class BranchCsvDto extends CsvOptionsDto {
  @IsOptional() @Matches(/^\d{3}$/, { message: 'branch は3桁の店番で指定してください' })
  branch?: string;
}

export class AuditCsvDto extends CsvOptionsDto {
  @IsOptional() @Validate(IsoDateConstraint)
  from?: string;

  @IsOptional() @Validate(IsoDateConstraint)
  to?: string;
}
