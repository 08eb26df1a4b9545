import {
  formatJapaneseDate,
  isIsoDate,
  jstDateTimeParts,
  type IsoDate,
} from '@certdesk/domain';

/**
 * Dates as the IB user reads them, on libs/domain's JST helpers. The customer may read the portal
 * outside Japan, so a time of day says （日本時間）; a value that is not a date is shown as it came.
 */

/** `2027-12-01` → `2027年12月1日(水)` (domain's `formatJapaneseDate`); anything else as it is. */
export function formatJapaneseDateOrAsIs(date: string): string {
  return isIsoDate(date) ? formatJapaneseDate(date) : date;
}

/**
 * An instant to the second, labelled: `2027年12月1日 23:59:59（日本時間）`. Unlike domain's
 * `formatJapaneseDateTime` (`2027年12月1日(水) 23:59`): no weekday, seconds, the label.
 */
export function formatJapaneseDateTimeToSecond(instant: string): string {
  const parts = jstParts(instant);
  return parts
    ? `${yearMonthDay(parts.date)} ${parts.time}（日本時間）`
    : instant;
}

/** A certificate's end of validity, the date written once: 2028年11月20日(月) 23:59:59まで（日本時間）. */
export function validUntil(expiryDate: string, notAfter: string): string {
  const parts = jstParts(notAfter);
  const date = formatJapaneseDateOrAsIs(expiryDate);
  return parts ? `${date} ${parts.time}まで（日本時間）` : date;
}

function jstParts(instant: string): ReturnType<typeof jstDateTimeParts> | null {
  return Number.isNaN(Date.parse(instant)) ? null : jstDateTimeParts(instant);
}

/** `2027-12-01` → `2027年12月1日` (month and day not zero-padded, no weekday). */
function yearMonthDay(date: IsoDate): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}
