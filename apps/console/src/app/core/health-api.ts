import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { HealthResponse } from '@certdesk/contracts';
import { Observable, catchError, of, throwError } from 'rxjs';

/** Typed client for `GET /api/health` (public). */
@Injectable({ providedIn: 'root' })
export class HealthApi {
  private readonly http = inject(HttpClient);

  /**
   * A degraded API may answer 503 with a full health body (database unreachable):
   * that is still a health report, so it is passed on rather than thrown.
   */
  get(): Observable<HealthResponse> {
    return this.http
      .get<HealthResponse>('/api/health')
      .pipe(
        catchError((error: unknown) =>
          isHealthBody(error) ? of(error.error) : throwError(() => error),
        ),
      );
  }
}

function isHealthBody(
  error: unknown,
): error is HttpErrorResponse & { error: HealthResponse } {
  if (!(error instanceof HttpErrorResponse) || error.status !== 503) {
    return false;
  }
  const body: unknown = error.error;
  return (
    typeof body === 'object' &&
    body !== null &&
    'database' in body &&
    'today' in body
  );
}
