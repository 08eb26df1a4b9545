import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreateStaffRequest,
  OneTimePasswordResponse,
  StaffAccount,
  UpdateStaffRequest,
} from '@certdesk/contracts';
import { Observable } from 'rxjs';

/** Typed client for `/api/staff` (admin only). */
@Injectable({ providedIn: 'root' })
export class StaffApi {
  private readonly http = inject(HttpClient);

  list(): Observable<StaffAccount[]> {
    return this.http.get<StaffAccount[]>('/api/staff');
  }

  create(body: CreateStaffRequest): Observable<OneTimePasswordResponse> {
    return this.http.post<OneTimePasswordResponse>('/api/staff', body);
  }

  update(id: string, body: UpdateStaffRequest): Observable<StaffAccount> {
    return this.http.patch<StaffAccount>(
      `/api/staff/${encodeURIComponent(id)}`,
      body,
    );
  }

  resetPassword(id: string): Observable<OneTimePasswordResponse> {
    return this.http.post<OneTimePasswordResponse>(
      `/api/staff/${encodeURIComponent(id)}/reset-password`,
      null,
    );
  }
}
