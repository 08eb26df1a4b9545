import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import type { SecondFactorStatus } from '@certdesk/contracts';
import { AuthService, requiredStep } from '../../core/auth/auth.service';
import {
  secondFactorErrorMessage,
  passkeysSupported,
  SecondFactorApi,
} from '../../core/auth/second-factor-api';
import { AuthCard } from '../../core/ui/auth-card';

/** 本人確認: the second step of signing in, with a passkey, a one-time code or a recovery code. */
@Component({
  selector: 'cd-verify-page',
  imports: [
    AuthCard,
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
  ],
  template: `
    <cd-auth-card heading="本人確認">
      <p>
        パスワードを確認しました。続けて、登録済みのパスキーか認証アプリのワンタイムパスワードで本人確認をしてください。
      </p>
      @if (error(); as message) {
        <p
          class="cd-alert cd-alert-error"
          role="alert"
          data-testid="verify-error"
        >
          {{ message }}
        </p>
      }
      @if (passkeys) {
        <button
          mat-flat-button
          type="button"
          class="cd-verify-passkey"
          data-testid="verify-passkey"
          [disabled]="busy()"
          (click)="withPasskey()"
        >
          パスキーで確認
        </button>
      }
      <form class="cd-form" (ngSubmit)="withCode()">
        <mat-form-field>
          <mat-label>ワンタイムパスワードまたはリカバリーコード</mat-label>
          <input
            matInput
            name="code"
            autocomplete="one-time-code"
            data-testid="verify-code"
            [(ngModel)]="code"
          />
          <mat-hint
            >認証アプリの6桁の数字、または登録時に控えたリカバリーコード</mat-hint
          >
        </mat-form-field>
        <button
          mat-stroked-button
          type="submit"
          [disabled]="busy() || !code.trim()"
        >
          コードで確認
        </button>
      </form>
      <button mat-button type="button" (click)="logout()">ログアウト</button>
    </cd-auth-card>
  `,
  styles: `
    .cd-verify-passkey {
      margin: 8px 0 24px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VerifyPage {
  readonly returnUrl = input<string>();

  private readonly api = inject(SecondFactorApi);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  protected readonly passkeys = passkeysSupported();
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected code = '';

  protected withPasskey(): Promise<void> {
    return this.prove(() => this.api.verifyWithPasskey());
  }

  protected withCode(): Promise<void> {
    return this.prove(() => this.api.verifyCode(this.code));
  }

  protected async logout(): Promise<void> {
    await this.auth.logout().catch(() => undefined);
    await this.router.navigate(['/login'], {
      queryParams: { reason: 'logout' },
    });
  }

  private async prove(
    attempt: () => Promise<SecondFactorStatus>,
  ): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    let status: SecondFactorStatus;
    try {
      status = await attempt();
    } catch (error: unknown) {
      this.error.set(secondFactorErrorMessage(error));
      this.code = '';
      return;
    } finally {
      this.busy.set(false);
    }
    this.auth.setSecondFactor(status);
    const session = this.auth.session();
    const returnUrl = this.returnUrl();
    const next =
      (session && requiredStep(session)) ??
      (returnUrl && this.auth.mayOpen(returnUrl)
        ? returnUrl
        : this.auth.homeUrl());
    await this.router.navigateByUrl(next);
  }
}
