import { AppError } from './app-error';

/** A period (`from`–`to`, `YYYY-MM-DD`) that starts after it ends: 400 naming `from`. */
export function assertPeriod(query: { from?: string; to?: string }): void {
  if (query.from && query.to && query.from > query.to)
    throw AppError.onField('invalid_period', 'from', '終了日より後です');
}
