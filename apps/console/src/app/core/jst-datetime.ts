const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * An instant (ISO-8601) as staff read it, in Asia/Tokyo whatever the browser's zone:
 * `2026-12-01T00:00:00Z` → `2026/12/01 09:00:00`. JST has no daylight saving, so a fixed offset is exact.
 */
export function formatJstDateTime(instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) {
    throw new RangeError(`Not an instant: ${instant}`);
  }
  const t = new Date(ms + JST_OFFSET_MS);
  return (
    `${t.getUTCFullYear()}/${pad(t.getUTCMonth() + 1)}/${pad(t.getUTCDate())} ` +
    `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`
  );
}

/** An instant to the minute, as tables show it: `2026/12/01 09:00` (JST). */
export function formatJstMinute(instant: string): string {
  return formatJstDateTime(instant).slice(0, 16);
}
