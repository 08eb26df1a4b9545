import { DestroyRef, inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';

/**
 * A page's snack-bar messages (with 閉じる, shown for `duration` ms). They are dismissed when the
 * page goes away, so that a message about this page's change does not follow the user elsewhere
 * (e.g. after log-out). Call in an injection context (a field initializer).
 */
export function injectNotify(duration = 6000): (message: string) => void {
  const snackBar = inject(MatSnackBar);
  inject(DestroyRef).onDestroy(() => snackBar.dismiss());
  return (message) => {
    snackBar.open(message, '閉じる', { duration });
  };
}
