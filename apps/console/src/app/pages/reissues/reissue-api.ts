import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreateReissueRequest,
  ReissueDecision,
  ReissuePage,
  ReissueStatusName,
  ReissueView,
} from '@certdesk/contracts';
import { Observable } from 'rxjs';

export interface ReissueListQuery {
  /** One status; none for every request. */
  readonly status?: ReissueStatusName;
  readonly ibUserId?: string;
}

export type ReissueDecisionKind = 'approve' | 'reject';

/** Typed client for `/api/reissues` (再発行処理: request, queue, dual-control decision, cancel). */
@Injectable({ providedIn: 'root' })
export class ReissueApi {
  private readonly http = inject(HttpClient);

  create(body: CreateReissueRequest): Observable<ReissueView> {
    return this.http.post<ReissueView>('/api/reissues', body);
  }

  list(query: ReissueListQuery = {}): Observable<ReissuePage> {
    let params = new HttpParams();
    if (query.status) params = params.set('status', query.status);
    if (query.ibUserId) params = params.set('ibUserId', query.ibUserId);
    return this.http.get<ReissuePage>('/api/reissues', { params });
  }

  get(id: string): Observable<ReissueView> {
    return this.http.get<ReissueView>(this.url(id));
  }

  /** `approve` or `reject`, with the manager's comment. */
  decide(
    id: string,
    kind: ReissueDecisionKind,
    body: ReissueDecision,
  ): Observable<ReissueView> {
    return this.http.post<ReissueView>(`${this.url(id)}/${kind}`, body);
  }

  cancel(id: string): Observable<ReissueView> {
    return this.http.post<ReissueView>(`${this.url(id)}/cancel`, null);
  }

  private url(id: string): string {
    return `/api/reissues/${encodeURIComponent(id)}`;
  }
}
