import { AppError } from '../http/app-error';
import { requestContext, StaffPrincipal } from './request-context';

/**
 * The credit union every tenant query is scoped to. There is no way to ask for "all tenants":
 * without a signed-in principal this throws, so a forgotten scope fails loudly instead of leaking.
 */
export function currentPrincipal(): StaffPrincipal {
  const principal = requestContext.current()?.principal;
  if (!principal)
    throw new Error(
      'No signed-in staff member in this request: tenant data cannot be read',
    );
  return principal;
}

export function currentCreditUnionId(): string {
  return currentPrincipal().creditUnionId;
}

/** Another credit union's row answers exactly like a missing one. */
export function notFound(): AppError {
  return new AppError('not_found');
}
