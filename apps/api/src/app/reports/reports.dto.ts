import { IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  Max,
  Min,
  Validate,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { isIsoDate, REISSUE_STATUSES, ReissueStatus } from '@certdesk/domain';
import {
  CSV_ENCODINGS,
  type CsvEncoding,
  UNMAPPABLE_MODES,
  type UnmappableMode,
} from '@certdesk/contracts';
import {
  BranchCode,
  OptionalIsoDate,
  PageCursor,
  PageLimit,
} from '../infra/http/query-fields';

export class BranchFilterDto {
  @BranchCode()
  branch?: string;
}

/** Keyset paging of a list report. */
export class PageDto {
  @PageCursor(200)
  cursor?: string;

  @PageLimit()
  limit?: number;
}

export class ExpiredUsersQueryDto extends IntersectionType(
  BranchFilterDto,
  PageDto,
) {}

export class CsvOptionsDto {
  @IsOptional()
  @IsIn(CSV_ENCODINGS, {
    message: 'encoding は utf-8 か cp932 で指定してください',
  })
  encoding?: CsvEncoding;

  @IsOptional()
  @IsIn(UNMAPPABLE_MODES, {
    message: 'unmappable は refuse か replace で指定してください',
  })
  unmappable?: UnmappableMode;
}

export class BranchCsvDto extends IntersectionType(
  BranchFilterDto,
  CsvOptionsDto,
) {}

/** `to` on or after `from` (both checked as dates on their own first). */
@ValidatorConstraint({ name: 'periodOrder' })
export class PeriodOrderConstraint implements ValidatorConstraintInterface {
  validate(to: unknown, args: ValidationArguments): boolean {
    const { from } = args.object as PeriodDto;
    return !isIsoDate(from) || !isIsoDate(to) || from <= to;
  }
  defaultMessage(): string {
    return 'to は from 以降の日付を指定してください';
  }
}

/** A period of JST calendar days, both ends included; a missing end is open. */
export class PeriodDto {
  @OptionalIsoDate()
  from?: string;

  @OptionalIsoDate()
  @Validate(PeriodOrderConstraint)
  to?: string;
}

export class AuditCsvDto extends IntersectionType(PeriodDto, CsvOptionsDto) {}

/** 再発行履歴: requests recorded in the period (JST days), of a status and a branch. */
export class ReissueFilterDto extends IntersectionType(
  PeriodDto,
  BranchFilterDto,
) {
  @IsOptional()
  @IsIn(REISSUE_STATUSES, {
    message: `status は ${REISSUE_STATUSES.join(', ')} のいずれかで指定してください`,
  })
  status?: ReissueStatus;
}

export class ReissueReportQueryDto extends IntersectionType(
  ReissueFilterDto,
  PageDto,
) {}
export class ReissueCsvDto extends IntersectionType(
  ReissueFilterDto,
  CsvOptionsDto,
) {}

/** 通知の送信状況: notices queued for days of the period, of one milestone (days from expiry, e.g. 30 or −1). */
export class NoticeFilterDto extends PeriodDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt({
    message:
      'milestone は整数（有効期限日からの日数。例: 30、−1 は -1）で指定してください',
  })
  @Min(-400, { message: 'milestone は -400〜400 の整数で指定してください' })
  @Max(400, { message: 'milestone は -400〜400 の整数で指定してください' })
  milestone?: number;
}

export class NoticeCsvDto extends IntersectionType(
  NoticeFilterDto,
  CsvOptionsDto,
) {}
