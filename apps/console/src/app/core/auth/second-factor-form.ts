import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { SecondFactorStatus } from '@certdesk/contracts';
import { AuthService } from './auth.service';
import {
  SecondFactorApi,
  passkeysSupported,
  secondFactorErrorMessage,
} from './second-factor-api';

/**
 * The proof of 本人確認 (signing in, or before a decision): 「パスキーで確認」 where the browser has
 * passkeys, else a one-time code or a recovery code. The refusal is shown in place; `verified`
 * fires once the server accepted the proof and the session knows it.
 */
@Component({
  selector: 'cd-second-factor-form',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  template: `
    @if (error(); as message) {
      <p
        class="cd-alert cd-alert-error"
        role="alert"
        [attr.data-testid]="testId() + '-error'"
      >
        {{ message }}
      </p>
    }
    @if (passkeys) {
      <button
        mat-flat-button
        type="button"
        class="cd-passkey"
        [attr.data-testid]="testId() + '-passkey'"
        [disabled]="busy()"
        (click)="withPasskey()"
      >
        パスキーで確認
      </button>
    }
    <form class="cd-form cd-code" (ngSubmit)="withCode()">
      <mat-form-field>
        <mat-label>ワンタイムパスワードまたはリカバリーコード</mat-label>
        <input
          matInput
          name="code"
          autocomplete="one-time-code"
          [attr.data-testid]="testId() + '-code'"
          [(ngModel)]="code"
        />
        @if (hint(); as h) {
          <mat-hint>{{ h }}</mat-hint>
        }
      </mat-form-field>
      <button
        mat-stroked-button
        type="submit"
        [disabled]="busy() || !code.trim()"
      >
        コードで確認
      </button>
    </form>
  `,
  // On a page the passkey button stands apart; in a dialog, the code form below it.
  styles: `
    :host {
      display: contents;
    }
    :host(.cd-on-page) .cd-passkey {
      margin: 8px 0 24px;
    }
    :host(.cd-in-dialog) .cd-code {
      margin-top: 16px;
    }
  `,
  host: {
    '[class.cd-on-page]': "layout() === 'page'",
    '[class.cd-in-dialog]': "layout() === 'dialog'",
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SecondFactorForm {
  /** `data-testid` prefix: `-error`, `-passkey`, `-code`. */
  readonly testId = input.required<string>();
  readonly layout = input.required<'page' | 'dialog'>();
  readonly hint = input<string>();
  readonly verified = output<void>();

  private readonly api = inject(SecondFactorApi);
  private readonly auth = inject(AuthService);

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
    this.verified.emit();
  }
}
