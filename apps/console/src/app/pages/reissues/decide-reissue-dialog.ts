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
import type { ReissueView } from '@certdesk/contracts';
import { firstValueFrom } from 'rxjs';
import { apiErrorMessage } from '../../core/api-error';
import { formatJstDateTime } from '../../core/jst-datetime';
import { ReissueApi, ReissueDecisionKind } from './reissue-api';
import { reasonLabel } from './reissue-labels';
import { ReissueTarget } from './reissue-target';
import { AuthService } from '../../core/auth/auth.service';

export interface DecideReissueData {
  readonly reissue: ReissueView;
  readonly kind: ReissueDecisionKind;
}

const WORDING: Readonly<
  Record<ReissueDecisionKind, { title: string; confirm: string; hint: string }>
> = {
  approve: {
    title: '再発行を承認',
    confirm: '承認する',
    hint: '承認すると現在の電子証明書は失効し、お客さまがログオン画面から取得できるようになります',
  },
  reject: {
    title: '再発行を却下',
    confirm: '却下する',
    hint: '却下の理由を入力してください（依頼した職員が確認します）',
  },
};

/**
 * 承認 / 却下 by a manager, with a comment (required to reject). Sends it here, so that the
 * server's refusal (own request, already decided) is shown in place; closes with the result.
 */
@Component({
  selector: 'cd-decide-reissue-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    ReissueTarget,
  ],
  template: `
    <h2 mat-dialog-title>{{ wording.title }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <cd-reissue-target
          [customer]="r.customer"
          [user]="r.ibUser"
          [facts]="facts"
        />
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
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DecideReissueDialog {
  private readonly data = inject<DecideReissueData>(MAT_DIALOG_DATA);
  private readonly api = inject(ReissueApi);
  private readonly ref =
    inject<MatDialogRef<DecideReissueDialog, ReissueView>>(MatDialogRef);

  protected readonly r = this.data.reissue;
  protected readonly wording = WORDING[this.data.kind];
  protected readonly facts: readonly (readonly [string, string])[] = [
    ['理由', reasonLabel(this.r, inject(AuthService).policy())],
    ['本人確認', this.r.identityCheck],
    [
      '依頼者',
      `${this.r.requestedBy.name}（${formatJstDateTime(this.r.requestedAt)}）`,
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
          this.api.decide(this.r.id, this.data.kind, {
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
