import { currentCreditUnionId } from './tenant';

/** The one name under which the tenant's id is bound; only this file and its callers' builders set it. */
const PARAMETER = 'tenantCreditUnionId';

/**
 * The tenant condition in SQL: `<alias>.credit_union_id = :…` (no alias: the bare column, for
 * UPDATE/DELETE). Its parameter comes from {@link tenantParameters} or from a query builder of
 * `TenantRepository`, which sets it; `column` names the property instead (`creditUnionId`) where
 * TypeORM maps it.
 */
export function tenantCondition(
  alias?: string,
  column = 'credit_union_id',
): string {
  return `${alias ? `${alias}.` : ''}${column} = :${PARAMETER}`;
}

/** The parameter of {@link tenantCondition}: the signed-in staff member's credit union (throws without one). */
export function tenantParameters(
  creditUnionId: string = currentCreditUnionId(),
): Record<string, string> {
  return { [PARAMETER]: creditUnionId };
}
