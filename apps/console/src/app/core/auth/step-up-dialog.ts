import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { AuthService } from './auth.service';
import {
  secondFactorErrorMessage,
  passkeysSupported,
  SecondFactorApi,
} from './second-factor-api';

/**
 * 本人確認 before a decision (承認, 公開, 失効 …): a passkey, a one-time code or a recovery code.
 * Closes with true once the server accepted the proof; the action is then sent again.
 */
@Component({
  selector: 'cd-step-up-dialog',
  imports: [
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    FormsModule,
  ],
  template: `
    <h2 mat-dialog-title>本人確認</h2>
    <mat-dialog-content>
      <p>
        この操作の前に、パスキーまたは認証アプリのワンタイムパスワードで本人確認をしてください（確認は5分間有効です）。
      </p>
      @if (error(); as message) {
        <p
          class="cd-alert cd-alert-error"
          role="alert"
          data-testid="step-up-error"
        >
          {{ message }}
        </p>
      }
      @if (passkeys) {
        <button
          mat-flat-button
          type="button"
          data-testid="step-up-passkey"
          [disabled]="busy()"
          (click)="withPasskey()"
        >
          パスキーで確認
        </button>
      }
      <form class="cd-form cd-step-up-code" (ngSubmit)="withCode()">
        <mat-form-field>
          <mat-label>ワンタイムパスワードまたはリカバリーコード</mat-label>
          <input
            matInput
            name="code"
            autocomplete="one-time-code"
            data-testid="step-up-code"
            [(ngModel)]="code"
          />
        </mat-form-field>
        <button
          mat-stroked-button
          type="submit"
          [disabled]="busy() || !code.trim()"
        >
          コードで確認
        </button>
      </form>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false">
        キャンセル
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .cd-step-up-code {
      margin-top: 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StepUpDialog {
  private readonly api = inject(SecondFactorApi);
  private readonly auth = inject(AuthService);
  private readonly ref =
    inject<MatDialogRef<StepUpDialog, boolean>>(MatDialogRef);

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

  private async prove(
    attempt: () => ReturnType<SecondFactorApi['verifyCode']>,
  ): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      this.auth.setSecondFactor(await attempt());
      this.ref.close(true);
    } catch (error: unknown) {
      this.error.set(secondFactorErrorMessage(error));
      this.code = '';
    } finally {
      this.busy.set(false);
    }
  }
}
