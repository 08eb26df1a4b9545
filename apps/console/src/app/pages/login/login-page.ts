import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  viewChild,
} from '@angular/core';
import {
  FormGroupDirective,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import { FormSubmission } from '../../core/form-submission';
import { apiErrorMessage } from '../../core/api-error';
import {
  AuthService,
  requiredStep,
  VERIFY_URL,
} from '../../core/auth/auth.service';
import { SESSION_EXPIRED_REASON } from '../../core/auth/session-expired.interceptor';
import { AuthCard } from '../../core/ui/auth-card';
import type { SessionInfo } from '@certdesk/contracts';
import {
  secondFactorErrorMessage,
  passkeysSupported,
  SecondFactorApi,
} from '../../core/auth/second-factor-api';

/** Why the user is here again, from `?reason=`. */
const REASON_MESSAGES: Readonly<Record<string, string>> = {
  [SESSION_EXPIRED_REASON]:
    '一定時間操作がなかったため、ログアウトしました。再度ログインしてください。',
  logout: 'ログアウトしました。',
};

/** ログイン: username and password; afterwards `returnUrl` (when this user may open it) or their first page. */
@Component({
  selector: 'cd-login-page',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    AuthCard,
  ],
  template: `
    <cd-auth-card heading="ログイン">
      @if (error(); as message) {
        <p
          class="cd-alert cd-alert-error"
          role="alert"
          data-testid="login-error"
        >
          {{ message }}
        </p>
      } @else if (notice(); as message) {
        <p
          class="cd-alert cd-alert-info"
          role="status"
          data-testid="login-notice"
        >
          {{ message }}
        </p>
      }
      <form class="cd-form" [formGroup]="form" (ngSubmit)="submit()">
        <mat-form-field>
          <mat-label>ユーザー名</mat-label>
          <input matInput formControlName="username" autocomplete="username" />
          <mat-error>ユーザー名を入力してください</mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>パスワード</mat-label>
          <input
            matInput
            type="password"
            formControlName="password"
            autocomplete="current-password"
          />
          <mat-error>パスワードを入力してください</mat-error>
        </mat-form-field>
        <button mat-flat-button type="submit" [disabled]="submitting()">
          {{ submitting() ? 'ログイン中…' : 'ログイン' }}
        </button>
      </form>
      @if (passkeys) {
        <button
          mat-stroked-button
          type="button"
          class="cd-passkey-login"
          data-testid="passkey-login"
          [disabled]="submitting()"
          (click)="withPasskey()"
        >
          パスキーを使う
        </button>
      }
    </cd-auth-card>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPage {
  /** Query parameters (withComponentInputBinding). */
  readonly returnUrl = input<string>();
  readonly reason = input<string>();

  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly passkeyApi = inject(SecondFactorApi);
  protected readonly passkeys = passkeysSupported();

  protected readonly form = inject(NonNullableFormBuilder).group({
    username: ['', Validators.required],
    password: ['', Validators.required],
  });
  private readonly formDirective = viewChild.required(FormGroupDirective);
  /** A refused log-in clears the password without flagging the emptied field as an error. */
  private readonly submission = new FormSubmission(
    this.form,
    (error: unknown) => {
      this.formDirective().resetForm({
        username: this.form.controls.username.value,
        password: '',
      });
      return apiErrorMessage(error);
    },
  );
  protected readonly submitting = this.submission.submitting;
  protected readonly error = this.submission.error;
  protected readonly notice = computed(
    () => REASON_MESSAGES[this.reason() ?? ''] ?? null,
  );

  protected async submit(): Promise<void> {
    let target = '';
    const signedIn = await this.submission.submit(async () => {
      const session = await this.auth.login(this.form.getRawValue());
      const step = requiredStep(session);
      const returnUrl = this.returnUrl();
      target =
        step === VERIFY_URL && returnUrl
          ? `${VERIFY_URL}?returnUrl=${encodeURIComponent(returnUrl)}`
          : (step ?? this.afterLogin());
    });
    if (signedIn) await this.router.navigateByUrl(target);
  }

  /** A passkey alone (user verification on the device stands for the password). */
  protected async withPasskey(): Promise<void> {
    if (this.submitting()) return;
    this.submitting.set(true);
    this.error.set(null);
    let session: SessionInfo;
    try {
      session = await this.passkeyApi.loginWithPasskey();
    } catch (error: unknown) {
      this.error.set(secondFactorErrorMessage(error));
      return;
    } finally {
      this.submitting.set(false);
    }
    this.auth.signedIn(session);
    await this.router.navigateByUrl(requiredStep(session) ?? this.afterLogin());
  }

  private afterLogin(): string {
    const returnUrl = this.returnUrl();
    return returnUrl && this.auth.mayOpen(returnUrl)
      ? returnUrl
      : this.auth.homeUrl();
  }
}
