import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import type {
  OneTimePasswordResponse,
  StaffChangePending,
  StaffRoleName,
} from '@certdesk/contracts';
import {
  grantNeedsApproval,
  STAFF_ROLES,
  STAFF_ROLE_LABELS,
} from '@certdesk/domain';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { firstValueFrom } from 'rxjs';
import { toLoadError } from '../../core/async-state';
import { FormSubmission } from '../../core/form-submission';
import { ErrorAlert } from '../../core/ui/error-alert';
import { StaffApi } from './staff-api';
import { FormDialogActions } from '../../core/ui/form-dialog-actions';

/** The API's rule (it stores usernames in lower case, so capitals are accepted here). */
const USERNAME_FORMAT = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;

/**
 * 職員を追加: creates the account here, so that a refusal (e.g. a taken username) is shown in place.
 * A manager or admin is not created yet: the answer is a change waiting for a second admin.
 */
@Component({
  selector: 'cd-create-staff-dialog',
  imports: [
    ErrorAlert,
    ReactiveFormsModule,
    MatDialogModule,
    FormDialogActions,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
  ],
  template: `
    <h2 mat-dialog-title>職員を追加</h2>
    <form [formGroup]="form" (ngSubmit)="submit()">
      <mat-dialog-content>
        <div class="cd-form">
          <cd-error-alert [error]="error()" />
          <mat-form-field>
            <mat-label>ユーザー名</mat-label>
            <input matInput formControlName="username" autocomplete="off" />
            <mat-hint
              >ログインに使う名前（全信用金庫で一意・英字は小文字で登録）</mat-hint
            >
            <mat-error>{{ usernameRule }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>氏名</mat-label>
            <input matInput formControlName="displayName" autocomplete="off" />
            <mat-error>氏名を入力してください</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>権限</mat-label>
            <mat-select formControlName="role">
              @for (role of roles; track role) {
                <mat-option [value]="role">{{ roleLabels[role] }}</mat-option>
              }
            </mat-select>
            @if (roleNeedsApproval()) {
              <mat-hint data-testid="approval-hint"
                >別のシステム管理者が承認すると追加されます</mat-hint
              >
            }
          </mat-form-field>
        </div>
      </mat-dialog-content>
      <cd-form-dialog-actions [submitting]="submitting()">
        追加
      </cd-form-dialog-actions>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CreateStaffDialog {
  private readonly api = inject(StaffApi);
  private readonly ref =
    inject<
      MatDialogRef<
        CreateStaffDialog,
        OneTimePasswordResponse | StaffChangePending
      >
    >(MatDialogRef);

  protected readonly usernameRule =
    '3〜64文字の半角英数字・記号（. _ -）で、英数字から始めてください';
  protected readonly roles = STAFF_ROLES;
  protected readonly roleLabels = STAFF_ROLE_LABELS;
  protected readonly form = inject(NonNullableFormBuilder).group({
    username: ['', [Validators.required, Validators.pattern(USERNAME_FORMAT)]],
    displayName: ['', [Validators.required, Validators.maxLength(100)]],
    role: ['branch_staff' as StaffRoleName, Validators.required],
  });

  /** 役席 and システム管理 are created only once a second admin approves. */
  protected roleNeedsApproval(): boolean {
    return grantNeedsApproval(this.form.controls.role.value);
  }
  private readonly submission = new FormSubmission(this.form, toLoadError);
  protected readonly submitting = this.submission.submitting;
  protected readonly error = this.submission.error;

  protected async submit(): Promise<void> {
    await this.submission.submit(async () => {
      const created = await firstValueFrom(
        this.api.create(this.form.getRawValue()),
      );
      this.ref.close(created);
    });
  }
}
