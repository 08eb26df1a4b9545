import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreateStaffRequest,
  OneTimePasswordResponse,
  StaffAccount,
  StaffChangeDecision,
  StaffChangeDecisionRequest,
  StaffChangePending,
  StaffChangeRequestView,
  UpdateStaffRequest,
} from '@certdesk/contracts';
import { Observable } from 'rxjs';

export type StaffChangeDecisionKind = 'approve' | 'reject';

/** Whether the API answered 202: the change waits for a second admin. */
export function isPending(answer: object): answer is StaffChangePending {
  return 'pendingChange' in answer;
}

/** Typed client for `/api/staff` and `/api/staff-change-requests` (admin only). */
@Injectable({ providedIn: 'root' })
export class StaffApi {
  private readonly http = inject(HttpClient);

  list(): Observable<StaffAccount[]> {
    return this.http.get<StaffAccount[]>('/api/staff');
  }

  create(
    body: CreateStaffRequest,
  ): Observable<OneTimePasswordResponse | StaffChangePending> {
    return this.http.post<OneTimePasswordResponse | StaffChangePending>(
      '/api/staff',
      body,
    );
  }

  update(
    id: string,
    body: UpdateStaffRequest,
  ): Observable<StaffAccount | StaffChangePending> {
    return this.http.patch<StaffAccount | StaffChangePending>(
      `/api/staff/${encodeURIComponent(id)}`,
      body,
    );
  }

  resetPassword(
    id: string,
  ): Observable<OneTimePasswordResponse | StaffChangePending> {
    return this.http.post<OneTimePasswordResponse | StaffChangePending>(
      `/api/staff/${encodeURIComponent(id)}/reset-password`,
      null,
    );
  }

  /** Always a change for a second admin: on approval the member's passkeys and codes are removed. */
  resetSecondFactor(id: string): Observable<StaffChangePending> {
    return this.http.post<StaffChangePending>(
      `/api/staff/${encodeURIComponent(id)}/reset-second-factor`,
      null,
    );
  }

  /** Changes waiting for a second admin, newest first. */
  pendingChanges(): Observable<StaffChangeRequestView[]> {
    return this.http.get<StaffChangeRequestView[]>(
      '/api/staff-change-requests',
    );
  }

  decideChange(
    id: string,
    kind: StaffChangeDecisionKind,
    body: StaffChangeDecisionRequest,
  ): Observable<StaffChangeDecision> {
    return this.http.post<StaffChangeDecision>(
      `${this.changeUrl(id)}/${kind}`,
      body,
    );
  }

  cancelChange(id: string): Observable<StaffChangeDecision> {
    return this.http.post<StaffChangeDecision>(
      `${this.changeUrl(id)}/cancel`,
      null,
    );
  }

  private changeUrl(id: string): string {
    return `/api/staff-change-requests/${encodeURIComponent(id)}`;
  }
}
