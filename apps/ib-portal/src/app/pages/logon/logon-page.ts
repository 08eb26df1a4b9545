import { Location } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import type { ErrorCode } from '@certdesk/contracts';
import { apiError, apiErrorMessage } from '../../core/api-error';
import { IbApi } from '../../core/ib-api';
import type { LogonRefusalState } from '../../core/logon-state';

/** Refusals after which the customer acquires a new certificate from this screen. */
const ACQUIRE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'expired',
  'reissue_authorized',
  'no_certificate',
]);

/**
 * The refusal as shown: the server's reason (which says the seed's contact sentence itself where
 * only the credit union can help) and, by its code, the way to 電子証明書取得.
 */
interface RefusalView {
  message: string;
  acquire: boolean;
}

function refusalView(
  message: string,
  code: ErrorCode | undefined,
): RefusalView {
  return { message, acquire: code !== undefined && ACQUIRE_CODES.has(code) };
}

/** A refusal another screen sent back here (see LogonState). */
function refusalFrom(state: unknown): RefusalView | null {
  const refusal = (state as { refusal?: Partial<LogonRefusalState> } | null)
    ?.refusal;
  return typeof refusal?.message === 'string'
    ? refusalView(refusal.message, refusal.code)
    : null;
}

/** ログオン: certificate log-on (電子証明書方式) and the way to 電子証明書取得. */
@Component({
  selector: 'ib-logon-page',
  imports: [
    MatButtonModule,
    MatCardModule,
    MatProgressSpinnerModule,
    RouterLink,
  ],
  template: `
    <h1 class="ib-screen-title">ログオン</h1>
    <mat-card appearance="outlined" class="ib-card">
      <mat-card-header>
        <mat-card-title>電子証明書方式でログオン</mat-card-title>
      </mat-card-header>
      <mat-card-content>
        <p>このパソコンにインストールされている電子証明書でログオンします。</p>
        @if (refusal(); as r) {
          <div
            class="ib-alert ib-alert-error"
            role="alert"
            data-testid="logon-refusal"
          >
            <p>{{ r.message }}</p>
          </div>
        }
        <div class="ib-actions">
          <button
            mat-flat-button
            type="button"
            (click)="logOn()"
            [disabled]="busy()"
          >
            {{ busy() ? 'ログオン中…' : '電子証明書方式でログオン' }}
          </button>
          @if (busy()) {
            <mat-spinner diameter="24" aria-label="ログオン中" />
          }
          @if (refusal()?.acquire) {
            <a
              mat-stroked-button
              routerLink="/acquisition"
              data-testid="go-acquisition"
              >電子証明書取得へ進む</a
            >
          }
        </div>
      </mat-card-content>
    </mat-card>

    <mat-card appearance="outlined" class="ib-card">
      <mat-card-header>
        <mat-card-title>電子証明書取得</mat-card-title>
      </mat-card-header>
      <mat-card-content>
        <p>
          はじめてご利用の方、電子証明書の有効期限日を過ぎた方、当金庫で再発行処理を受けた方は、こちらから新しい電子証明書を取得してください。
        </p>
        <p class="ib-muted">
          電子証明書の有効期限日から当金庫所定の日数を超過しますと、電子証明書を取得いただけなくなります。その場合は、当金庫にて再発行処理が必要となりますので、当金庫までご連絡ください。
        </p>
        <div class="ib-actions">
          <a mat-stroked-button routerLink="/acquisition">電子証明書取得</a>
        </div>
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    .ib-card {
      margin-bottom: 24px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LogonPage {
  private readonly api = inject(IbApi);
  private readonly router = inject(Router);

  protected readonly busy = signal(false);
  protected readonly refusal = signal<RefusalView | null>(
    refusalFrom(inject(Location).getState()),
  );

  async logOn(): Promise<void> {
    this.busy.set(true);
    this.refusal.set(null);
    try {
      await firstValueFrom(this.api.me());
      await this.router.navigateByUrl('/notices');
    } catch (error) {
      this.refusal.set(
        refusalView(apiErrorMessage(error), apiError(error)?.code),
      );
    } finally {
      this.busy.set(false);
    }
  }
}
