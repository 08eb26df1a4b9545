import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { STEP_UP_REQUIRED_CODE } from '@certdesk/contracts';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { apiError } from '../api-error';

/** Whether the API asked for a fresh second-factor proof (401 `step_up_required`). */
export function isStepUpRequired(error: unknown): boolean {
  return (
    error instanceof HttpErrorResponse &&
    error.status === 401 &&
    apiError(error)?.code === STEP_UP_REQUIRED_CODE
  );
}

/**
 * A decision the API refused for want of a fresh second-factor proof: ask for one (本人確認) and
 * send the same request again; cancelled, the caller gets the original error.
 */
export const stepUpInterceptor: HttpInterceptorFn = (req, next) => {
  const dialog = inject(MatDialog);
  return next(req).pipe(
    catchError((error: unknown) => {
      if (!isStepUpRequired(error)) return throwError(() => error);
      // Loaded on first use: the dialog (and the WebAuthn client) stay out of the initial bundle.
      return from(import('./step-up-dialog')).pipe(
        switchMap(({ StepUpDialog }) =>
          dialog
            .open<InstanceType<typeof StepUpDialog>, void, boolean>(
              StepUpDialog,
              { width: '480px', autoFocus: 'first-tabbable' },
            )
            .afterClosed(),
        ),
        switchMap((proven) => (proven ? next(req) : throwError(() => error))),
      );
    }),
  );
};
