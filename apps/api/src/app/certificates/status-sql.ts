import { addDays, LifecyclePolicy, LifecycleStatus } from '@certdesk/domain';

/**
 * The lifecycle rule of libs/domain (`lifecycleStatus`) written as SQL over the `ib_user` row's
 * mirror of its current certificate. Day arithmetic is done here, in JST calendar dates, so the
 * SQL only compares `current_expiry_date` with bound dates: portable (SQLite text dates and
 * PostgreSQL `date`) and a status filter is a range on the (credit_union_id, current_expiry_date) index.
 * The e2e spec proves it agrees with `lifecycleStatus` on every boundary day, on both databases.
 */
export interface StatusBounds {
  /** Expiry after this date: `valid`. */
  validAfter: string;
  today: string;
  yesterday: string;
  /** Expiry on or after this date (and before today): `expired`; before it: `reissue_required`. */
  selfServiceFrom: string;
}

export function statusBounds(
  today: string,
  policy: LifecyclePolicy,
): StatusBounds {
  return {
    validAfter: addDays(today, policy.renewalWindowDays),
    today,
    yesterday: addDays(today, -1),
    selfServiceFrom: addDays(today, -policy.selfServiceDaysAfterExpiry),
  };
}

/** Named parameters for the expressions below. */
export function statusParameters(bounds: StatusBounds): Record<string, string> {
  return {
    stValidAfter: bounds.validAfter,
    stToday: bounds.today,
    stYesterday: bounds.yesterday,
    stSelfServiceFrom: bounds.selfServiceFrom,
  };
}

/** `CASE … END` giving the status of the IB user aliased `u`. */
export function statusCaseSql(u: string): string {
  return `CASE
    WHEN ${u}.reissue_state = 'pending' THEN 'reissue_pending'
    WHEN ${u}.reissue_state = 'authorized' THEN 'reissue_authorized'
    WHEN ${u}.current_revoked = TRUE THEN 'revoked'
    WHEN ${u}.current_expiry_date IS NULL THEN 'not_issued'
    WHEN ${u}.current_expiry_date > :stValidAfter THEN 'valid'
    WHEN ${u}.current_expiry_date >= :stToday THEN 'renewal_due'
    WHEN ${u}.current_expiry_date >= :stSelfServiceFrom THEN 'expired'
    ELSE 'reissue_required' END`;
}

/** The expiry sort key: users without a certificate sort last. Indexed as `ix_ib_user_sort_expiry`. */
export const NO_EXPIRY = '9999-12-31';
export function expirySortKeySql(u: string): string {
  return `COALESCE(${u}.current_expiry_date, '${NO_EXPIRY}')`;
}

/**
 * A WHERE condition selecting exactly one status. The date-derived ones are ranges on the indexed
 * sort key (so the planner walks `ix_ib_user_sort_expiry` in order and stops at LIMIT).
 */
export function statusConditionSql(u: string, status: LifecycleStatus): string {
  const key = expirySortKeySql(u);
  const dated = `${u}.reissue_state IS NULL AND ${u}.current_revoked = FALSE AND ${key}`;
  switch (status) {
    case 'reissue_pending':
      return `${u}.reissue_state = 'pending'`;
    case 'reissue_authorized':
      return `${u}.reissue_state = 'authorized'`;
    case 'revoked':
      return `(${u}.reissue_state IS NULL AND ${u}.current_revoked = TRUE)`;
    case 'not_issued':
      return `(${dated} = '${NO_EXPIRY}')`;
    case 'valid':
      return `(${dated} > :stValidAfter AND ${key} < '${NO_EXPIRY}')`;
    case 'renewal_due':
      return `(${dated} BETWEEN :stToday AND :stValidAfter)`;
    case 'expired':
      return `(${dated} BETWEEN :stSelfServiceFrom AND :stYesterday)`;
    case 'reissue_required':
      return `(${dated} < :stSelfServiceFrom)`;
  }
}
