import { SetMetadata } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { PERMISSIONS, Permission } from '@certdesk/domain';

/**
 * Who may call a route. Deny by default: the global `AccessGuard` refuses (403, logged) every
 * route that declares none of these.
 * - `public`: anyone, signed in or not (log-in, health);
 * - `signedIn`: any signed-in staff member, no permission needed (e.g. changing one's own password);
 * - `permissions`: a signed-in staff member whose role holds every listed permission;
 * - `token`: a machine with the configured bearer token (see {@link BearerToken}).
 */
export type RouteAccess =
  | { kind: 'public' }
  | {
      kind: 'signedIn';
      openWhilePasswordChangeRequired: boolean;
      /** Open before the session proved its second factor (proving it). */
      openWhileSecondFactorPending?: boolean;
      /** Open to an account that must enrol a second factor and has none (enrolling). */
      openForEnrolment?: boolean;
    }
  | { kind: 'permissions'; permissions: readonly Permission[] }
  | { kind: 'token'; token: BearerTokenName };

/** Machine routes answered only to `Authorization: Bearer <token>` (no session): the token's name. */
export type BearerTokenName = 'metrics';

export const ROUTE_ACCESS = 'certdesk:route-access';

/** Open to anyone. A signed-in caller's principal is still resolved (e.g. for `/api/auth/me`). */
export const Public = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ROUTE_ACCESS, { kind: 'public' } satisfies RouteAccess);

/**
 * Any signed-in staff member. `openWhilePasswordChangeRequired` keeps the route open to an account
 * that must change its password first (only the password change itself should need this).
 */
export const SignedIn = (
  options: {
    openWhilePasswordChangeRequired?: boolean;
    openWhileSecondFactorPending?: boolean;
    openForEnrolment?: boolean;
  } = {},
): MethodDecorator & ClassDecorator =>
  SetMetadata(ROUTE_ACCESS, {
    kind: 'signedIn',
    openWhilePasswordChangeRequired:
      options.openWhilePasswordChangeRequired ?? false,
    openWhileSecondFactorPending: options.openWhileSecondFactorPending ?? false,
    openForEnrolment: options.openForEnrolment ?? false,
  } satisfies RouteAccess);

/**
 * Only with `Authorization: Bearer <the configured token>` (e.g. `METRICS_TOKEN`), compared in
 * constant time; no token configured or a wrong one → 404, as if the route did not exist. A staff
 * session grants nothing here.
 */
export const BearerToken = (
  token: BearerTokenName,
): MethodDecorator & ClassDecorator =>
  SetMetadata(ROUTE_ACCESS, { kind: 'token', token } satisfies RouteAccess);

/** Needs every listed permission (libs/domain `ROLE_PERMISSIONS`); on a method or a whole controller. */
export const RequirePermission = (
  ...permissions: Permission[]
): MethodDecorator & ClassDecorator => {
  if (permissions.length === 0)
    throw new Error(
      '@RequirePermission() needs at least one permission (use @SignedIn() for none)',
    );
  const unknown = permissions.filter((p) => !PERMISSIONS.includes(p));
  if (unknown.length)
    throw new Error(
      `@RequirePermission(): unknown permission ${unknown.join(', ')}`,
    );
  return SetMetadata(ROUTE_ACCESS, {
    kind: 'permissions',
    permissions: Object.freeze([...permissions]),
  } satisfies RouteAccess);
};

/** A route handler or its controller class, as Nest's Reflector takes them. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type HandlerOrClass = Function;

/** The access a handler declares (method first, then its controller), or undefined when none. */
export function routeAccess(
  reflector: Reflector,
  handler: HandlerOrClass,
  controller: HandlerOrClass,
): RouteAccess | undefined {
  return reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, [
    handler,
    controller,
  ]);
}
