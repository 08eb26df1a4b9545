import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AuditLastVerification,
  AuditPage,
  AuditVerification,
} from '@certdesk/contracts';
import { Observable } from 'rxjs';

/** The filters of `GET /api/audit`, as kept in the page's URL. Dates are JST calendar days, inclusive. */
export interface AuditQuery {
  from?: string;
  to?: string;
  /** Exact action code, e.g. `auth.login`. */
  action?: string;
  /** Part of the actor's username. */
  actor?: string;
  outcome?: string;
}

export const AUDIT_QUERY_KEYS = [
  'from',
  'to',
  'action',
  'actor',
  'outcome',
] as const;
export const AUDIT_PAGE_SIZE = 50;

/** Typed client for `/api/audit` (compliance, managers). */
@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);

  list(query: AuditQuery, cursor?: string | null): Observable<AuditPage> {
    let params = new HttpParams().set('limit', AUDIT_PAGE_SIZE);
    for (const key of AUDIT_QUERY_KEYS) {
      const value = query[key];
      if (value) params = params.set(key, value);
    }
    if (cursor) params = params.set('cursor', cursor);
    return this.http.get<AuditPage>('/api/audit', { params });
  }

  verify(): Observable<AuditVerification> {
    return this.http.get<AuditVerification>('/api/audit/verify');
  }

  /** The last verification of the chain (the daily one or an on-demand run) and its last signed head. */
  lastVerification(): Observable<AuditLastVerification> {
    return this.http.get<AuditLastVerification>('/api/audit/verification');
  }
}
