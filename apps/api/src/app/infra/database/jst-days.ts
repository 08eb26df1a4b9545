import { addDays, jstStartOfDay } from '@certdesk/domain';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Keeps the rows whose instant `column` (an alias-qualified property, e.g. `a.occurredAt`) falls on
 * the JST calendar days `from` to `to`, both included; a missing bound is open.
 */
export function andWithinJstDays<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  column: string,
  days: { from?: string | null; to?: string | null },
): SelectQueryBuilder<T> {
  if (days.from)
    qb.andWhere(`${column} >= :jstDaysFrom`, {
      jstDaysFrom: jstStartOfDay(days.from),
    });
  if (days.to)
    qb.andWhere(`${column} < :jstDaysUntil`, {
      jstDaysUntil: jstStartOfDay(addDays(days.to, 1)),
    });
  return qb;
}
