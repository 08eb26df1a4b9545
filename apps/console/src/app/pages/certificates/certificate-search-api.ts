import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CertificateSearchPage } from '@certdesk/contracts';
import { Observable } from 'rxjs';
import { SEARCH_KEYS, SearchFilters } from './search-query';

export const SEARCH_PAGE_SIZE = 50;

/** Typed client for `GET /api/certificates` (keyset paging: no total, a cursor to the next page). */
@Injectable({ providedIn: 'root' })
export class CertificateSearchApi {
  private readonly http = inject(HttpClient);

  search(
    filters: SearchFilters,
    cursor: string | null = null,
  ): Observable<CertificateSearchPage> {
    let params = new HttpParams().set('limit', SEARCH_PAGE_SIZE);
    for (const key of SEARCH_KEYS) {
      const value = filters[key];
      if (value) params = params.set(key, value);
    }
    if (cursor) params = params.set('cursor', cursor);
    return this.http.get<CertificateSearchPage>('/api/certificates', {
      params,
    });
  }
}
