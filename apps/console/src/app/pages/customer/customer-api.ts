import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ClosureResultView, CustomerDetail } from '@certdesk/contracts';
import { Observable } from 'rxjs';

/** Typed client for `GET /api/customers/:id` (each view is audited by the API) and the PIN unlock. */
@Injectable({ providedIn: 'root' })
export class CustomerApi {
  private readonly http = inject(HttpClient);

  get(id: string): Observable<CustomerDetail> {
    return this.http.get<CustomerDetail>(
      `/api/customers/${encodeURIComponent(id)}`,
    );
  }

  /** Clears an IB user's PIN lock (managers; audited by the API). */
  unlockPin(ibUserId: string): Observable<void> {
    return this.http.post<void>(
      `/api/ib-users/${encodeURIComponent(ibUserId)}/pin-unlock`,
      {},
    );
  }

  /** 解約: closes the customer and removes every IB user of theirs (managers; audited). */
  closeCustomer(id: string, reason: string): Observable<ClosureResultView> {
    return this.http.post<ClosureResultView>(
      `/api/customers/${encodeURIComponent(id)}/close`,
      { reason },
    );
  }

  /** 削除: removes one IB user (managers; audited). */
  removeIbUser(
    ibUserId: string,
    reason: string,
  ): Observable<ClosureResultView> {
    return this.http.post<ClosureResultView>(
      `/api/ib-users/${encodeURIComponent(ibUserId)}/remove`,
      { reason },
    );
  }
}
