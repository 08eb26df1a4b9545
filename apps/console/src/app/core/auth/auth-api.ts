import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ChangePasswordRequest,
  LoginRequest,
  SessionInfo,
} from '@certdesk/contracts';
import { Observable } from 'rxjs';

/** Typed client for `/api/auth/*` (cookie session; the XSRF header is added by HttpClient). */
@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly http = inject(HttpClient);

  /** The current session; 401 when signed out. Also sets the `XSRF-TOKEN` cookie. */
  me(): Observable<SessionInfo> {
    return this.http.get<SessionInfo>('/api/auth/me');
  }

  login(body: LoginRequest): Observable<SessionInfo> {
    return this.http.post<SessionInfo>('/api/auth/login', body);
  }

  logout(): Observable<void> {
    return this.http.post<void>('/api/auth/logout', null);
  }

  changePassword(body: ChangePasswordRequest): Observable<void> {
    return this.http.post<void>('/api/auth/password', body);
  }
}
