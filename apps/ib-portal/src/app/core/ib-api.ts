import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  IbAcquisitionRequest,
  IbIssuedCertificate,
  IbMe,
  IbNotice,
  IbRenewalSessionView,
} from '@certdesk/contracts';
import { Observable } from 'rxjs';

/**
 * The IB channel (`/ib/...` on the mutual-TLS listener that also serves this app). Certificate
 * log-on is the TLS connection's client certificate: there is no session, token or cookie, so every
 * call carries the log-on itself. POSTs are JSON and same-origin (what the API accepts on /ib).
 */
@Injectable({ providedIn: 'root' })
export class IbApi {
  private readonly http = inject(HttpClient);

  me(): Observable<IbMe> {
    return this.http.get<IbMe>('/ib/me');
  }

  notices(): Observable<IbNotice[]> {
    return this.http.get<IbNotice[]>('/ib/notices');
  }

  /** 更新前処理: opens a single-use renewal session (409 outside the renewal window). */
  openRenewal(): Observable<IbRenewalSessionView> {
    return this.http.post<IbRenewalSessionView>('/ib/renewals', {});
  }

  /** 発行処理: the new key's PKCS#10 for the renewal session. */
  submitRenewal(
    sessionId: string,
    csr: string,
  ): Observable<IbIssuedCertificate> {
    return this.http.post<IbIssuedCertificate>(
      `/ib/renewals/${encodeURIComponent(sessionId)}/csr`,
      { csr },
    );
  }

  /** 電子証明書取得: login ID and both PINs, no certificate needed. */
  acquire(request: IbAcquisitionRequest): Observable<IbIssuedCertificate> {
    return this.http.post<IbIssuedCertificate>('/ib/acquisitions', request);
  }
}
