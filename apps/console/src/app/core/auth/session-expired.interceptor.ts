import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import {
  SECOND_FACTOR_REQUIRED_CODE,
  STEP_UP_REQUIRED_CODE,
} from '@certdesk/contracts';
import { apiError } from '../api-error';
import { AuthService, VERIFY_URL } from './auth.service';

/** The `reason` query parameter of `/login` after the server ended the session. */
export const SESSION_EXPIRED_REASON = 'expired';

/**
 * 401s that mean "not signed in" or "wrong credentials" rather than "your session ended":
 * `me` and `login` by definition; `logout` ends the session anyway. (A wrong current password
 * on `/api/auth/password` is a 400.)
 */
const EXEMPT_PATHS: ReadonlySet<string> = new Set([
  '/api/auth/me',
  '/api/auth/login',
  '/api/auth/logout',
]);

/**
 * A 401 from any other `/api` call means the server ended the session (idle or absolute limit):
 * forget it and go to the log-in page, which says why, and comes back here afterwards.
 * The error still reaches the caller. Only the first of several parallel 401s navigates.
 */
export const sessionExpiredInterceptor: HttpInterceptorFn = (req, next) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  return next(req).pipe(
    catchError((error: unknown) => {
      const code = apiError(error)?.code;
      if (code === STEP_UP_REQUIRED_CODE) {
        // Still signed in: the step-up interceptor asks for a fresh proof.
      } else if (code === SECOND_FACTOR_REQUIRED_CODE && auth.isSignedIn()) {
        // Signed in with the password only: the second step of signing in.
        void router.navigate([VERIFY_URL], {
          queryParams: { returnUrl: router.url },
        });
      } else if (
        error instanceof HttpErrorResponse &&
        error.status === 401 &&
        isSessionBound(req.url) &&
        auth.isSignedIn()
      ) {
        const returnUrl = router.url;
        auth.clear();
        void router.navigate(['/login'], {
          queryParams: { reason: SESSION_EXPIRED_REASON, returnUrl },
        });
      }
      return throwError(() => error);
    }),
  );
};

function isSessionBound(url: string): boolean {
  const path = new URL(url, 'http://console.invalid').pathname;
  return path.startsWith('/api/') && !EXEMPT_PATHS.has(path);
}
