import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ImportRunDetail, ImportRunView } from '@certdesk/contracts';
import { Observable } from 'rxjs';

/** Typed client for `/api/imports` (取込, managers and admins). */
@Injectable({ providedIn: 'root' })
export class ImportsApi {
  private readonly http = inject(HttpClient);

  history(): Observable<ImportRunView[]> {
    return this.http.get<ImportRunView[]>('/api/imports');
  }

  get(id: string): Observable<ImportRunDetail> {
    return this.http.get<ImportRunDetail>(
      `/api/imports/${encodeURIComponent(id)}`,
    );
  }

  /** Sends the file as is (the server detects UTF-8 or CP932) and answers its check. */
  upload(file: Blob, name: string, full: boolean): Observable<ImportRunDetail> {
    return this.http.post<ImportRunDetail>('/api/imports', file, {
      params: new HttpParams().set('name', name).set('full', String(full)),
      headers: { 'Content-Type': 'text/csv' },
    });
  }

  apply(id: string): Observable<ImportRunDetail> {
    return this.http.post<ImportRunDetail>(
      `/api/imports/${encodeURIComponent(id)}/apply`,
      null,
    );
  }

  cancel(id: string): Observable<ImportRunDetail> {
    return this.http.post<ImportRunDetail>(
      `/api/imports/${encodeURIComponent(id)}/cancel`,
      null,
    );
  }
}
