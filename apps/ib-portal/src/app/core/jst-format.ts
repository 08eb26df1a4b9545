import { formatJapaneseDate, isIsoDate } from '@certdesk/domain';

const DATE_TIME = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** 2027年12月1日(水) for a `YYYY-MM-DD` calendar date. */
export function japaneseDate(date: string): string {
  return isIsoDate(date) ? formatJapaneseDate(date) : date;
}

/** An instant in Japan time, e.g. 2027年12月1日 23:59:59（日本時間）. */
export function japaneseDateTime(instant: string): string {
  const time = new Date(instant);
  return Number.isNaN(time.getTime())
    ? instant
    : `${DATE_TIME.format(time)}（日本時間）`;
}

const TIME = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** A certificate's end of validity, the date written once: 2028年11月20日(月) 23:59:59まで（日本時間）. */
export function validUntil(expiryDate: string, notAfter: string): string {
  const time = new Date(notAfter);
  return Number.isNaN(time.getTime())
    ? japaneseDate(expiryDate)
    : `${japaneseDate(expiryDate)} ${TIME.format(time)}まで（日本時間）`;
}
