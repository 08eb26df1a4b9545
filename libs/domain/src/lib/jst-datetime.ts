/**
 * Instants written on the Asia/Tokyo wall clock (JST, UTC+9, no daylight saving, so a fixed offset
 * is exact), whatever the process's or the browser's time zone. One set of formats, beside the
 * calendar-date helpers of `jst-date.ts`:
 *
 * | helper                   | example                     | used for                          |
 * | ------------------------ | --------------------------- | --------------------------------- |
 * | `formatJstDateTime`      | `2026/12/01 09:00:00`       | staff screens                     |
 * | `formatJstMinute`        | `2026/12/01 09:00`          | staff tables                      |
 * | `formatJstCsvDateTime`   | `2026-12-01 09:00:00`       | CSV exports                       |
 * | `formatJstIsoDateTime`   | `2026-12-01T09:00:00+09:00` | messages quoting a stored instant |
 * | `formatJapaneseDateTime` | `2026年12月1日(火) 09:00`   | sentences staff read              |
 * | `jstTimeOfDay`           | `09:00`                     | daily schedules                   |
 */
import { formatJapaneseDate, IsoDate } from './jst-date';

const JST_OFFSET_MS = 9 * 3_600_000;

/** A `Date`, or an ISO-8601 instant as it comes over the wire. */
export type Instant = Date | string;

function epochMs(instant: Instant): number {
  const ms =
    typeof instant === 'string'
      ? Date.parse(instant)
      : instant instanceof Date
        ? instant.getTime()
        : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new RangeError(`Not an instant: ${String(instant)}`);
  }
  return ms;
}

/** `YYYY-MM-DDTHH:MM:SS` on the Asia/Tokyo wall clock. */
function wallClock(instant: Instant): string {
  return new Date(epochMs(instant) + JST_OFFSET_MS).toISOString().slice(0, 19);
}

/** The JST calendar date and time of day (`HH:MM:SS`) of an instant. */
export function jstDateTimeParts(instant: Instant): {
  date: IsoDate;
  time: string;
} {
  const t = wallClock(instant);
  return { date: t.slice(0, 10), time: t.slice(11) };
}

/** `2026-12-01T00:00:00Z` → `2026/12/01 09:00:00`: an instant as staff read it on screen. */
export function formatJstDateTime(instant: Instant): string {
  const { date, time } = jstDateTimeParts(instant);
  return `${date.replace(/-/g, '/')} ${time}`;
}

/** An instant to the minute, as tables show it: `2026/12/01 09:00`. */
export function formatJstMinute(instant: Instant): string {
  return formatJstDateTime(instant).slice(0, 16);
}

/** An instant in a CSV cell: `2026-12-01 09:00:00`. */
export function formatJstCsvDateTime(instant: Instant): string {
  return wallClock(instant).replace('T', ' ');
}

/** ISO-8601 with the JST offset: `2026-12-01T09:00:00+09:00`. */
export function formatJstIsoDateTime(instant: Instant): string {
  return `${wallClock(instant)}+09:00`;
}

/** `2026-12-20T01:05:00Z` → `2026年12月20日(日) 10:05`. */
export function formatJapaneseDateTime(instant: Instant): string {
  const { date, time } = jstDateTimeParts(instant);
  return `${formatJapaneseDate(date)} ${time.slice(0, 5)}`;
}

/** `HH:MM` of an instant in Asia/Tokyo (for a daily time such as `06:00`). */
export function jstTimeOfDay(instant: Instant): string {
  return wallClock(instant).slice(11, 16);
}
