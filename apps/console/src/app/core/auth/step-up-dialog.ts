import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { SecondFactorForm } from './second-factor-form';

/**
 * 本人確認 before a decision (承認, 公開, 失効 …): a passkey, a one-time code or a recovery code.
 * Closes with true once the server accepted the proof; the action is then sent again.
 */
@Component({
  selector: 'cd-step-up-dialog',
  imports: [MatDialogModule, MatButtonModule, SecondFactorForm],
  template: `
    <h2 mat-dialog-title>本人確認</h2>
    <mat-dialog-content>
      <p>
        この操作の前に、パスキーまたは認証アプリのワンタイムパスワードで本人確認をしてください（確認は5分間有効です）。
      </p>
      <cd-second-factor-form
        testId="step-up"
        layout="dialog"
        (verified)="ref.close(true)"
      />
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false">
        キャンセル
      </button>
    </mat-dialog-actions>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StepUpDialog {
  protected readonly ref =
    inject<MatDialogRef<StepUpDialog, boolean>>(MatDialogRef);
}
