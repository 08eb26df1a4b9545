import { HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import type { ErrorCode, IbMe, IbNotice } from '@certdesk/contracts';
import { Router } from '@angular/router';
import { firstValueFrom, forkJoin } from 'rxjs';
import { apiError, apiErrorMessage } from './api-error';
import { IbApi } from './ib-api';

/** What the log-on screen shows when a later screen was refused (router navigation state). */
export interface LogonRefusalState {
  message: string;
  code?: ErrorCode;
}

/**
 * Who is logged on and their 重要なお知らせ, for the screens after log-on. Certificate log-on has
 * no session: each screen asks again (the TLS connection's certificate answers), and a refusal
 * sends the customer back to the log-on screen.
 */
@Injectable()
export class LogonState {
  private readonly api = inject(IbApi);
  private readonly router = inject(Router);

  readonly me = signal<IbMe | null>(null);
  readonly notices = signal<IbNotice[] | null>(null);
  readonly error = signal<string | null>(null);

  async load(): Promise<void> {
    this.error.set(null);
    try {
      const { me, notices } = await firstValueFrom(
        forkJoin({ me: this.api.me(), notices: this.api.notices() }),
      );
      this.me.set(me);
      this.notices.set(notices);
    } catch (error) {
      if (
        error instanceof HttpErrorResponse &&
        (error.status === 401 || error.status === 403)
      ) {
        // Back to log-on, which shows why (e.g. the certificate was renewed meanwhile).
        const refusal: LogonRefusalState = {
          message: apiErrorMessage(error),
          code: apiError(error)?.code,
        };
        await this.router.navigateByUrl('/', { state: { refusal } });
        return;
      }
      this.error.set(apiErrorMessage(error));
    }
  }
}
