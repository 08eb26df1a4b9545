/**
 * Calendar dates in Asia/Tokyo (JST, UTC+9, no DST), written `YYYY-MM-DD`.
 *
 * Every day count in the domain is done on these strings, never on UTC instants or on the
 * host's local time: the arithmetic below is pure integer math on a proleptic Gregorian
 * calendar, so the result does not depend on the process time zone. Nothing here reads the
 * wall clock; "today" is always a parameter.
 */

/** A calendar date `YYYY-MM-DD` (in Asia/Tokyo when it comes from an instant). */
export type IsoDate = string;

const MS_PER_DAY = 86_400_000;
const JST_OFFSET_MS = 9 * 3_600_000;
const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'] as const;

interface YearMonthDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    return isLeapYear(year) ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function parse(s: unknown): YearMonthDay | null {
  if (typeof s !== 'string') {
    return null;
  }
  const match = ISO_DATE_PATTERN.exec(s);
  if (!match) {
    return null;
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return null;
  }
  return { year, month, day };
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}

function parseOrThrow(s: unknown, name: string): YearMonthDay {
  const ymd = parse(s);
  if (!ymd) {
    throw new RangeError(
      `${name} must be a real calendar date written YYYY-MM-DD, got ${describe(s)}`,
    );
  }
  return ymd;
}

/** Days since 1970-01-01 (H. Hinnant's days_from_civil; exact for every proleptic Gregorian date). */
function toDayNumber({ year, month, day }: YearMonthDay): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear =
    Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 +
    Math.floor(yearOfEra / 4) -
    Math.floor(yearOfEra / 100) +
    dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Inverse of {@link toDayNumber}. */
function fromDayNumber(dayNumber: number): YearMonthDay {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra -
    (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: era * 400 + yearOfEra + (month <= 2 ? 1 : 0), month, day };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function format(ymd: YearMonthDay): IsoDate {
  if (ymd.year < 0 || ymd.year > 9999) {
    throw new RangeError(
      `Date out of range (years 0000-9999 only): year ${ymd.year}`,
    );
  }
  return `${pad(ymd.year, 4)}-${pad(ymd.month, 2)}-${pad(ymd.day, 2)}`;
}

function assertInteger(n: unknown, name: string): asserts n is number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
    throw new RangeError(`${name} must be an integer, got ${describe(n)}`);
  }
}

/** True when `s` is a string `YYYY-MM-DD` naming a real calendar date (`2026-02-30` is not). */
export function isIsoDate(s: unknown): s is IsoDate {
  return parse(s) !== null;
}

/** Throws a RangeError naming `name` unless `s` is a real `YYYY-MM-DD` date. */
export function assertIsoDate(s: unknown, name = 'date'): asserts s is IsoDate {
  parseOrThrow(s, name);
}

/** The Asia/Tokyo calendar date of an instant. Independent of the process time zone. */
export function jstDate(instant: Date): IsoDate {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError(
      `jstDate needs a valid Date instant, got ${describe(instant)}`,
    );
  }
  return format(
    fromDayNumber(Math.floor((instant.getTime() + JST_OFFSET_MS) / MS_PER_DAY)),
  );
}

/** `date` moved by `n` calendar days (n may be negative). */
export function addDays(date: IsoDate, n: number): IsoDate {
  const ymd = parseOrThrow(date, 'date');
  assertInteger(n, 'Number of days');
  return format(fromDayNumber(toDayNumber(ymd) + n));
}

/** `to − from` in whole calendar days (negative when `to` is before `from`). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return (
    toDayNumber(parseOrThrow(to, 'to')) -
    toDayNumber(parseOrThrow(from, 'from'))
  );
}

/** `date` moved by `n` years; Feb 29 becomes Feb 28 in a non-leap target year. */
export function addYears(date: IsoDate, n: number): IsoDate {
  const { year, month, day } = parseOrThrow(date, 'date');
  assertInteger(n, 'Number of years');
  const targetYear = year + n;
  return format({
    year: targetYear,
    month,
    day: Math.min(day, daysInMonth(targetYear, month)),
  });
}

/** `date` moved by `n` calendar months; a day the target month lacks becomes its last day (3-31 − 1 → 2-28/29). */
export function addMonths(date: IsoDate, n: number): IsoDate {
  const { year, month, day } = parseOrThrow(date, 'date');
  assertInteger(n, 'Number of months');
  const index = year * 12 + (month - 1) + n;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  return format({
    year: targetYear,
    month: targetMonth,
    day: Math.min(day, daysInMonth(targetYear, targetMonth)),
  });
}

/** The instant 00:00:00.000 JST of `date`. */
export function jstStartOfDay(date: IsoDate): Date {
  return new Date(
    toDayNumber(parseOrThrow(date, 'date')) * MS_PER_DAY - JST_OFFSET_MS,
  );
}

/** The instant 23:59:59.000 JST of `date`: a certificate's notAfter for expiry date `date`. */
export function jstEndOfDay(date: IsoDate): Date {
  return new Date(jstStartOfDay(date).getTime() + MS_PER_DAY - 1000);
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function weekdayIndex(date: IsoDate): number {
  const dayNumber = toDayNumber(parseOrThrow(date, 'date'));
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** `2026-12-25` → `2026年12月25日(金)` (month and day not zero-padded). */
export function formatJapaneseDate(date: IsoDate): string {
  const { year, month, day } = parseOrThrow(date, 'date');
  return `${year}年${month}月${day}日(${WEEKDAYS[weekdayIndex(date)]})`;
}

interface Era {
  readonly name: string;
  readonly firstDay: IsoDate;
}

/** Newest first. Dates before 昭和 are refused: no certificate or notice can carry one. */
const ERAS: readonly Era[] = [
  { name: '令和', firstDay: '2019-05-01' },
  { name: '平成', firstDay: '1989-01-08' },
  { name: '昭和', firstDay: '1926-12-25' },
];

/** `2026-12-25` → `令和8年12月25日(金)`; the first year of an era is written 元年 (`令和元年5月1日(水)`). */
export function formatWareki(date: IsoDate): string {
  const { year, month, day } = parseOrThrow(date, 'date');
  // ISO strings of the same shape compare like dates.
  const era = ERAS.find((e) => date >= e.firstDay);
  if (!era) {
    throw new RangeError(
      `formatWareki supports dates from 1926-12-25 (昭和元年) on, got "${date}"`,
    );
  }
  const eraYear = year - Number(era.firstDay.slice(0, 4)) + 1;
  const yearText = eraYear === 1 ? '元' : String(eraYear);
  return `${era.name}${yearText}年${month}月${day}日(${WEEKDAYS[weekdayIndex(date)]})`;
}
