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
import type {
  StaffChangeDecision,
  StaffChangeRequestView,
} from '@certdesk/contracts';
import { firstValueFrom } from 'rxjs';
import { apiErrorMessage } from '../../core/api-error';
import { formatJstDateTime } from '../../core/jst-datetime';
import { StaffApi, StaffChangeDecisionKind } from './staff-api';
import { staffChangeLabel } from './staff-change-labels';

export interface DecideStaffChangeData {
  readonly change: StaffChangeRequestView;
  readonly kind: StaffChangeDecisionKind;
}

const WORDING: Readonly<
  Record<
    StaffChangeDecisionKind,
    { title: string; confirm: string; hint: string }
  >
> = {
  approve: {
    title: '変更を承認',
    confirm: '承認する',
    hint: '承認するとすぐに反映されます（追加・パスワード再発行は初回ログイン用パスワードをこの画面に表示します）',
  },
  reject: {
    title: '変更を却下',
    confirm: '却下する',
    hint: '却下の理由を入力してください（依頼した職員が確認します）',
  },
};

/**
 * 承認 / 却下 of a staff change by a second admin, with a comment (required to reject). Sends it
 * here, so that the server's refusal (own request, already decided) is shown in place.
 */
@Component({
  selector: 'cd-decide-staff-change-dialog',
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
        <dl data-testid="staff-change">
          @for (fact of facts; track fact[0]) {
            <div>
              <dt>{{ fact[0] }}</dt>
              <dd>{{ fact[1] }}</dd>
            </div>
          }
        </dl>
        @if (error(); as message) {
          <p class="cd-alert cd-alert-error" role="alert">{{ message }}</p>
        }
        <div class="cd-form">
          <mat-form-field>
            <mat-label>コメント</mat-label>
            <textarea matInput formControlName="comment" rows="3"></textarea>
            <mat-hint>{{ wording.hint }}</mat-hint>
            <mat-error>{{ commentError() }}</mat-error>
          </mat-form-field>
        </div>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>キャンセル</button>
        <button mat-flat-button type="submit" [disabled]="submitting()">
          {{ wording.confirm }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    dl {
      margin: 0 0 16px;
      padding: 12px 16px;
      display: grid;
      gap: 4px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container);
    }
    div {
      display: grid;
      grid-template-columns: 6em 1fr;
      gap: 8px;
    }
    dt {
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DecideStaffChangeDialog {
  private readonly data = inject<DecideStaffChangeData>(MAT_DIALOG_DATA);
  private readonly api = inject(StaffApi);
  private readonly ref =
    inject<MatDialogRef<DecideStaffChangeDialog, StaffChangeDecision>>(
      MatDialogRef,
    );

  protected readonly wording = WORDING[this.data.kind];
  protected readonly facts: readonly (readonly [string, string])[] = [
    ['内容', staffChangeLabel(this.data.change)],
    ['対象', `${this.data.change.displayName}（${this.data.change.username}）`],
    [
      '依頼者',
      `${this.data.change.requestedBy.name}（${formatJstDateTime(this.data.change.requestedAt)}）`,
    ],
  ];
  protected readonly form = inject(NonNullableFormBuilder).group({
    comment: [
      '',
      this.data.kind === 'reject'
        ? [
            Validators.required,
            Validators.pattern(/\S/),
            Validators.maxLength(500),
          ]
        : [Validators.maxLength(500)],
    ],
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal<string | null>(null);

  protected commentError(): string {
    const errors = this.form.controls.comment.errors;
    if (errors?.['maxlength']) return 'コメントは500文字以内で入力してください';
    return errors ? '却下の理由をコメントに入力してください' : '';
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid || this.submitting()) {
      this.form.markAllAsTouched();
      return;
    }
    const comment = this.form.getRawValue().comment.trim();
    this.submitting.set(true);
    this.error.set(null);
    try {
      this.ref.close(
        await firstValueFrom(
          this.api.decideChange(this.data.change.id, this.data.kind, {
            comment: comment || undefined,
          }),
        ),
      );
    } catch (error: unknown) {
      this.error.set(apiErrorMessage(error));
    } finally {
      this.submitting.set(false);
    }
  }
}
