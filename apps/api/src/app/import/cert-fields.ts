import { IsoDate, addYears, isIsoDate, jstStartOfDay } from '@certdesk/domain';

const SERIAL_PATTERN = /^[0-9a-f]+(?::[0-9a-f]+)*$/i;
const MAX_SERIAL_DIGITS = 40; // 20 octets, RFC 5280 §4.1.2.2
const INSTANT_PATTERN =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/i;
const SLASH_DATE_PATTERN = /^\d{4}\/\d{1,2}\/\d{1,2}$/;

/**
 * A certificate serial as stored (`Certificate.serialHex`): hex in any case, with or without
 * colons, 1–40 digits → lower case, whole octets (an odd count gets a leading 0), leading 00
 * octets removed: `00:AB:CD` → `abcd`, `ABC` → `0abc`. Null when it is not such a serial or is 0.
 */
export function normalizeSerial(text: string): string | null {
  if (!SERIAL_PATTERN.test(text)) return null;
  const digits = text.replace(/:/g, '').toLowerCase();
  if (digits.length > MAX_SERIAL_DIGITS) return null;
  let hex = digits.length % 2 === 1 ? `0${digits}` : digits;
  while (hex.length > 2 && hex.startsWith('00')) hex = hex.slice(2);
  return hex === '00' ? null : hex;
}

/**
 * `cert_not_before`: a date `YYYY-MM-DD` (00:00 JST), or an ISO-8601 instant with its zone
 * (`2025-04-01T09:30:00+09:00`, `2025-04-01T00:30:00Z`). Null when it is neither.
 */
export function parseNotBefore(text: string): Date | null {
  if (isIsoDate(text)) return jstStartOfDay(text);
  const m = INSTANT_PATTERN.exec(text);
  if (!m) return null;
  const [, date, hour, minute, second = '00', fraction = '', zone] = m;
  if (
    !isIsoDate(date) ||
    Number(hour) > 23 ||
    Number(minute) > 59 ||
    Number(second) > 59
  )
    return null;
  const offset =
    zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  if (
    offset !== 'Z' &&
    (Number(offset.slice(1, 3)) > 14 || Number(offset.slice(4)) > 59)
  )
    return null;
  const millis = fraction.padEnd(3, '0').slice(0, 3);
  const instant = new Date(
    `${date}T${hour}:${minute}:${second}.${millis}${offset}`,
  );
  return Number.isNaN(instant.getTime()) ? null : instant;
}

/** notBefore when the file leaves it empty: one year before the expiry date, 00:00 JST. */
export function defaultNotBefore(expiryDate: IsoDate): Date {
  return jstStartOfDay(addYears(expiryDate, -1));
}

/** Extra advice for a date Excel has rewritten (`2026/3/31`), or ''. */
export function excelDateHint(text: string): string {
  return SLASH_DATE_PATTERN.test(text)
    ? '（Excelで保存すると「2026/3/31」の形に変わります。「2026-03-31」の形に直してください）'
    : '';
}
