import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { ClosureResultView } from '@certdesk/contracts';
import { firstValueFrom } from 'rxjs';
import { apiErrorMessage } from '../../core/api-error';
import { CustomerApi } from './customer-api';

export interface CloseDialogData {
  /** `customer`: 解約 (every IB user removed too); `ib_user`: 削除 of one IB user. */
  readonly kind: 'customer' | 'ib_user';
  readonly id: string;
  /** Who, as the dialog names them (company, or name and login ID). */
  readonly target: string;
}

const WORDING = {
  customer: {
    title: 'ご契約先を解約',
    confirm: '解約する',
    effect:
      'このご契約先を解約済みにします。すべてのIB利用者が削除済みになり、電子証明書は失効（CRLに掲載）、処理中の再発行は取り消され、通知は止まり、ログオン・更新・取得はできなくなります。元に戻せません。',
  },
  ib_user: {
    title: 'IB利用者を削除',
    confirm: '削除する',
    effect:
      'このIB利用者を削除済みにします。電子証明書は失効（CRLに掲載）、処理中の再発行は取り消され、通知は止まり、ログオン・更新・取得はできなくなります。元に戻せません。',
  },
} as const;

/**
 * 解約 / 削除 by a manager on ご契約先, with a required reason (recorded and audited). Sends it
 * here, so that the server's refusal (already closed, no permission) is shown in place; closes
 * with what was done.
 */
@Component({
  selector: 'cd-close-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
  ],
  template: `
    <h2 mat-dialog-title>{{ wording.title }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p class="cd-close-target" data-testid="close-target">
          {{ data.target }}
        </p>
        <p class="cd-alert cd-alert-info">{{ wording.effect }}</p>
        @if (error(); as message) {
          <p class="cd-alert cd-alert-error" role="alert">{{ message }}</p>
        }
        <div class="cd-form">
          <mat-form-field>
            <mat-label>理由</mat-label>
            <textarea
              matInput
              formControlName="reason"
              rows="3"
              data-testid="close-reason"
            ></textarea>
            <mat-hint
              >例: 窓口で解約届を受領 / 退職のため利用者削除の依頼</mat-hint
            >
            <mat-error>{{ reasonError() }}</mat-error>
          </mat-form-field>
        </div>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>キャンセル</button>
        <button
          mat-flat-button
          type="submit"
          data-testid="close-confirm"
          [disabled]="submitting()"
        >
          {{ wording.confirm }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CloseDialog {
  protected readonly data = inject<CloseDialogData>(MAT_DIALOG_DATA);
  private readonly api = inject(CustomerApi);
  private readonly ref =
    inject<MatDialogRef<CloseDialog, ClosureResultView>>(MatDialogRef);

  protected readonly wording = WORDING[this.data.kind];
  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: [
      '',
      [
        Validators.required,
        Validators.pattern(/\S/),
        Validators.maxLength(500),
      ],
    ],
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal<string | null>(null);

  protected reasonError(): string {
    const errors = this.form.controls.reason.errors;
    if (errors?.['maxlength']) return '理由は500文字以内で入力してください';
    return errors ? '理由を入力してください' : '';
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid || this.submitting()) {
      this.form.markAllAsTouched();
      return;
    }
    const reason = this.form.getRawValue().reason.trim();
    this.submitting.set(true);
    this.error.set(null);
    try {
      this.ref.close(
        await firstValueFrom(
          this.data.kind === 'customer'
            ? this.api.closeCustomer(this.data.id, reason)
            : this.api.removeIbUser(this.data.id, reason),
        ),
      );
    } catch (error: unknown) {
      this.error.set(apiErrorMessage(error));
    } finally {
      this.submitting.set(false);
    }
  }
}
