import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  Validate,
} from 'class-validator';
import { IsoDateConstraint } from './iso-date.validator';

/*
 * The optional query parameters several lists share, each with its Japanese refusal. The
 * decorators are listed in the order stacked ones apply (the lowest first), so a refusal's
 * reasons keep the order they had.
 */

const LIMIT = 'limit は1〜200の整数で指定してください';

/** `limit`: a whole number from 1 to 200. */
export const PageLimit = (): PropertyDecorator =>
  applyDecorators(
    Max(200, { message: LIMIT }),
    Min(1, { message: LIMIT }),
    IsInt({ message: LIMIT }),
    Type(() => Number),
    IsOptional(),
  );

/** `cursor`: the `nextCursor` of the previous page, at most `maxLength` characters. */
export const PageCursor = (maxLength: number): PropertyDecorator =>
  applyDecorators(
    MaxLength(maxLength, { message: 'cursor が正しくありません' }),
    IsString(),
    IsOptional(),
  );

/** `branch`: a three-digit 店番. */
export const BranchCode = (): PropertyDecorator =>
  applyDecorators(
    Matches(/^\d{3}$/, { message: 'branch は3桁の店番で指定してください' }),
    IsOptional(),
  );

/** A real calendar date `YYYY-MM-DD` (a JST business date). */
export const OptionalIsoDate = (): PropertyDecorator =>
  applyDecorators(Validate(IsoDateConstraint), IsOptional());
