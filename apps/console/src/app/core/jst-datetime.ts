/**
 * Instants as staff read them, in Asia/Tokyo whatever the browser's zone: the one set of JST
 * date-time helpers lives in libs/domain (`jst-datetime.ts`).
 */
export { formatJstDateTime, formatJstMinute } from '@certdesk/domain';
