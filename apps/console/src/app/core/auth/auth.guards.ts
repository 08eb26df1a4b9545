import { inject } from '@angular/core';
import type { Permission } from '@certdesk/domain';
import { CanActivateFn, Router } from '@angular/router';
import {
  AuthService,
  FORBIDDEN_URL,
  requiredStep,
  VERIFY_URL,
} from './auth.service';

/** Route data key: the permissions of which a route needs any one (see `permissionGuard`). */
export const ROUTE_PERMISSIONS = 'permissions';

/**
 * The console's pages: loads the session once; signed out → `/login?returnUrl=…`;
 * an account that must change its password → `/password`.
 */
export const authGuard: CanActivateFn = async (_route, state) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const session = await auth.ensureLoaded();
  if (!session) {
    return router.createUrlTree(['/login'], {
      queryParams: { returnUrl: state.url },
    });
  }
  const step = requiredStep(session);
  return step
    ? router.createUrlTree([step], {
        queryParams: step === VERIFY_URL ? { returnUrl: state.url } : {},
      })
    : true;
};

/**
 * Needs any of the permissions in the route's `data.permissions`. A signed-in user without
 * them sees 「この画面を利用する権限がありません」 (`/forbidden`), which offers their own first page.
 */
export const permissionGuard: CanActivateFn = async (route) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const needed = (route.data[ROUTE_PERMISSIONS] ?? []) as readonly Permission[];
  const session = await auth.ensureLoaded();
  if (!session) {
    return router.createUrlTree(['/login']);
  }
  return auth.canAny(needed) ? true : router.parseUrl(FORBIDDEN_URL);
};

/** The password page: any signed-in user (forced or not). */
export const signedInGuard: CanActivateFn = async () => {
  const auth = inject(AuthService);
  const router = inject(Router);
  return (await auth.ensureLoaded()) ? true : router.createUrlTree(['/login']);
};

/**
 * The log-in page: asks `/api/auth/me` first (which sets the XSRF cookie the log-in POST needs);
 * someone already signed in goes to their first page instead.
 */
export const guestGuard: CanActivateFn = async () => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const session = await auth.ensureLoaded();
  if (!session) {
    return true;
  }
  return router.parseUrl(requiredStep(session) ?? auth.homeUrl());
};

/** The second step of signing in: only while the session waits for it. */
export const secondFactorGuard: CanActivateFn = async () => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const session = await auth.ensureLoaded();
  if (!session) return router.createUrlTree(['/login']);
  return session.secondFactor?.state === 'pending'
    ? true
    : router.parseUrl(requiredStep(session) ?? auth.homeUrl());
};

/** Pages open after the password (password change, 認証設定): not before the second factor. */
export const signedInVerifiedGuard: CanActivateFn = async () => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const session = await auth.ensureLoaded();
  if (!session) return router.createUrlTree(['/login']);
  return session.secondFactor?.state === 'pending'
    ? router.createUrlTree([VERIFY_URL])
    : true;
};

/** `''` → the signed-in user's first allowed page (the admin lands on 職員管理). */
export async function homeRedirect(): Promise<string> {
  const auth = inject(AuthService);
  return (await auth.ensureLoaded()) ? auth.homeUrl() : '/login';
}
