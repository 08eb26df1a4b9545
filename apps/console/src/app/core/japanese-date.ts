/**
 * Local stand-in for `formatJapaneseDate` from `@certdesk/domain` (being written in parallel).
 * When the domain lib ships it, re-export it from here (or replace the imports) and delete this body.
 */
const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'] as const;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2026-12-01` (a calendar date, already in Asia/Tokyo) → `2026年12月01日(火)`. */
export function formatJapaneseDate(isoDate: string): string {
  const match = ISO_DATE.exec(isoDate);
  if (!match) {
    throw new RangeError(`Not a YYYY-MM-DD date: ${isoDate}`);
  }
  const [, y, m, d] = match;
  // A calendar date has no time zone: do the weekday arithmetic in UTC so the host's zone never shifts it.
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) {
    throw new RangeError(`No such date: ${isoDate}`);
  }
  return `${y}年${m}月${d}日(${WEEKDAYS[date.getUTCDay()]})`;
}
