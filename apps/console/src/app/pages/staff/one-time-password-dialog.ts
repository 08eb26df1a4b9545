import { Clipboard } from '@angular/cdk/clipboard';
import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import type { OneTimePasswordResponse } from '@certdesk/contracts';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';

export interface OneTimePasswordDialogData extends OneTimePasswordResponse {
  /** Heading: 職員を追加しました / パスワードを再発行しました. */
  title: string;
}

/**
 * The one-time password, shown this once (the server keeps only its hash).
 * Closes only by its button, so a stray click outside cannot lose it.
 */
@Component({
  selector: 'cd-one-time-password-dialog',
  imports: [MatDialogModule, MatButtonModule],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      <p>
        {{ data.account.displayName }}（{{
          data.account.username
        }}）の初回ログイン用パスワード
      </p>
      <div class="cd-otp-row">
        <code class="cd-otp" data-testid="one-time-password">{{
          data.oneTimePassword
        }}</code>
        <button mat-stroked-button type="button" (click)="copy()">
          コピー
        </button>
      </div>
      <p class="cd-muted" role="status">{{ copyStatus() }}</p>
      <p
        class="cd-alert cd-alert-error"
        data-testid="one-time-password-warning"
      >
        このパスワードは今だけ表示されます。閉じると二度と表示できません。本人に安全な方法で伝えてください（初回ログイン時に変更が求められます）。
      </p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-flat-button type="button" mat-dialog-close>閉じる</button>
    </mat-dialog-actions>
  `,
  styles: `
    .cd-otp-row {
      display: flex;
      align-items: center;
      gap: 12px;
    }
    .cd-otp {
      font:
        500 1.25rem/1.4 ui-monospace,
        'Noto Sans Mono CJK JP',
        monospace;
      padding: 8px 12px;
      border-radius: 4px;
      background: var(--mat-sys-surface-container-high);
      user-select: all;
      letter-spacing: 0.05em;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OneTimePasswordDialog {
  protected readonly data = inject<OneTimePasswordDialogData>(MAT_DIALOG_DATA);
  private readonly clipboard = inject(Clipboard);
  protected readonly copyStatus = signal('');

  protected copy(): void {
    this.copyStatus.set(
      this.clipboard.copy(this.data.oneTimePassword)
        ? 'コピーしました'
        : 'コピーできませんでした。表示されたパスワードを選択してコピーしてください',
    );
  }
}
