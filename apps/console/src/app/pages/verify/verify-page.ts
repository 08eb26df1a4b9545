import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Router } from '@angular/router';
import { AuthService, requiredStep } from '../../core/auth/auth.service';
import { SecondFactorForm } from '../../core/auth/second-factor-form';
import { AuthCard } from '../../core/ui/auth-card';

/** 本人確認: the second step of signing in, with a passkey, a one-time code or a recovery code. */
@Component({
  selector: 'cd-verify-page',
  imports: [AuthCard, MatButtonModule, SecondFactorForm],
  template: `
    <cd-auth-card heading="本人確認">
      <p>
        パスワードを確認しました。続けて、登録済みのパスキーか認証アプリのワンタイムパスワードで本人確認をしてください。
      </p>
      <cd-second-factor-form
        testId="verify"
        layout="page"
        hint="認証アプリの6桁の数字、または登録時に控えたリカバリーコード"
        (verified)="next()"
      />
      <button mat-button type="button" (click)="logout()">ログアウト</button>
    </cd-auth-card>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VerifyPage {
  readonly returnUrl = input<string>();

  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  protected async logout(): Promise<void> {
    await this.auth.logout().catch(() => undefined);
    await this.router.navigate(['/login'], {
      queryParams: { reason: 'logout' },
    });
  }

  /** Verified: the next step of signing in, or where the staff member was going. */
  protected async next(): Promise<void> {
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
