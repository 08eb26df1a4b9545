import { Injectable, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Subject, catchError, map, of, switchMap } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { ReissueApi } from './reissue-api';

/**
 * How many reissue requests wait for a manager: the navigation's badge. Asked again on every
 * page change and after each request, decision or cancel; only for staff who may decide.
 */
@Injectable({ providedIn: 'root' })
export class PendingReissues {
  private readonly api = inject(ReissueApi);
  private readonly auth = inject(AuthService);
  private readonly current = signal<number | null>(null);
  private readonly refreshes = new Subject<void>();

  /** Null when unknown (not asked, failed, or not a decider). */
  readonly count = this.current.asReadonly();

  constructor() {
    this.refreshes
      .pipe(
        // A newer question wins: the badge shows the latest answer.
        switchMap(() =>
          this.api.list({ status: 'pending' }).pipe(
            map((page) => page.pendingCount),
            catchError(() => of(null)),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((count) => this.current.set(count));
  }

  refresh(): void {
    if (this.auth.can('reissues.decide')) {
      this.refreshes.next();
    } else {
      this.current.set(null);
    }
  }
}
