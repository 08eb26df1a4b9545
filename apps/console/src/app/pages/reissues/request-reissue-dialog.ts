import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatDatepickerModule } from '@angular/material/datepicker';
import {
  MAT_DIALOG_DATA,
  MatDialogModule,
  MatDialogRef,
} from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type {
  CustomerDetail,
  IbUserView,
  ReissueReasonName,
  ReissueView,
} from '@certdesk/contracts';
import { REISSUE_REASONS, reissueReasonLabel } from '@certdesk/domain';
import { firstValueFrom } from 'rxjs';
import { apiErrorMessage } from '../../core/api-error';
import {
  fromIsoDate,
  provideJapaneseDateInput,
  toIsoDate,
} from '../../core/date-input';
import { controlError, showServerErrors } from '../../core/form-errors';
import { FormSubmission } from '../../core/form-submission';
import { ReissueApi } from './reissue-api';
import { reasonsFor } from './reissue-labels';
import { ReissueTarget } from './reissue-target';
import { ErrorAlert } from '../../core/ui/error-alert';
import { AuthService } from '../../core/auth/auth.service';
import { FormDialogActions } from '../../core/ui/form-dialog-actions';

export interface RequestReissueData {
  readonly customer: Pick<CustomerDetail, 'companyName' | 'contractNumber'>;
  readonly user: Pick<
    IbUserView,
    'id' | 'loginId' | 'name' | 'ibRole' | 'status'
  >;
  /** The business date (JST, from the API): the default and the latest 依頼書受付日. */
  readonly today: string;
}

/** How branches usually check identity; staff may write anything else. */
export const IDENTITY_CHECK_SUGGESTIONS: readonly string[] = [
  '届出印の照合（電子証明書再発行依頼書）',
  '運転免許証',
  'マイナンバーカード',
  'パスポート',
  '健康保険証',
];

const MESSAGES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  reason: { required: '理由を選んでください' },
  reasonText: {
    required: '理由が「その他」のときは、具体的な理由を入力してください',
    maxlength: '具体的な理由は500文字以内で入力してください',
  },
  identityCheck: {
    required: '本人確認の方法を入力してください',
    maxlength: '本人確認の方法は200文字以内で入力してください',
  },
  formReceivedOn: {
    required: '依頼書の受付日を入力してください',
    matDatepickerParse: '日付を YYYY/MM/DD の形式で入力してください',
    matDatepickerMax: '依頼書の受付日に未来の日付は指定できません',
  },
};

/** 具体的な理由 is required when the reason is その他. */
function requiredForOther(control: AbstractControl): ValidationErrors | null {
  const reason = control.parent?.get('reason')?.value as ReissueReasonName;
  const text = control.value as string;
  return reason === 'other' && !text.trim() ? { required: true } : null;
}

/**
 * 再発行を依頼: records the paper form (電子証明書再発行依頼書) received at the branch. Sends it
 * here, so that a refusal shows under its field (or at the top); closes with the new request.
 */
@Component({
  selector: 'cd-request-reissue-dialog',
  imports: [
    ErrorAlert,
    ReactiveFormsModule,
    MatAutocompleteModule,
    FormDialogActions,
    MatDatepickerModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    ReissueTarget,
  ],
  providers: [provideJapaneseDateInput()],
  templateUrl: './request-reissue-dialog.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RequestReissueDialog {
  protected readonly data = inject<RequestReissueData>(MAT_DIALOG_DATA);
  private readonly api = inject(ReissueApi);
  private readonly ref =
    inject<MatDialogRef<RequestReissueDialog, ReissueView>>(MatDialogRef);

  protected readonly reasons = reasonsFor(this.data.user.status);
  private readonly policy = inject(AuthService).policy();
  protected readonly reasonLabels = Object.fromEntries(
    REISSUE_REASONS.map((r) => [r, reissueReasonLabel(r, this.policy)]),
  ) as Record<ReissueReasonName, string>;
  protected readonly maxDate = fromIsoDate(this.data.today);
  protected readonly form = inject(NonNullableFormBuilder).group({
    // Past the limit, the reason is plain; otherwise the clerk chooses.
    reason: [
      (this.reasons.includes('past_limit') ? 'past_limit' : '') as
        ReissueReasonName | '',
      Validators.required,
    ],
    reasonText: ['', [requiredForOther, Validators.maxLength(500)]],
    identityCheck: ['', [Validators.required, Validators.maxLength(200)]],
    formReceivedOn: [this.maxDate, Validators.required],
  });
  private readonly identityText = toSignal(
    this.form.controls.identityCheck.valueChanges,
    { initialValue: '' },
  );
  /** Suggestions containing what was typed (all of them while empty). */
  protected readonly suggestions = computed(() => {
    const typed = this.identityText().trim();
    return IDENTITY_CHECK_SUGGESTIONS.filter(
      (s) => s.includes(typed) && s !== typed,
    );
  });
  /** Every reason under its field: the summary (which names fields in English) adds nothing. */
  private readonly submission = new FormSubmission(
    this.form,
    (error: unknown) => {
      const { placed, unplaced } = showServerErrors(this.form, error);
      return placed && !unplaced.length
        ? null
        : { message: apiErrorMessage(error), reasons: unplaced };
    },
  );
  protected readonly submitting = this.submission.submitting;
  /** A refusal that belongs to no field (409 open request, 404…). */
  protected readonly error = this.submission.error;

  constructor() {
    this.form.controls.reason.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.form.controls.reasonText.updateValueAndValidity());
  }

  protected errorOf(name: keyof typeof this.form.controls): string {
    return controlError(this.form.controls[name], MESSAGES[name]);
  }

  protected async submit(): Promise<void> {
    await this.submission.submit(async () => {
      const value = this.form.getRawValue();
      const created = await firstValueFrom(
        this.api.create({
          ibUserId: this.data.user.id,
          reason: value.reason as ReissueReasonName,
          reasonText: value.reasonText.trim() || undefined,
          identityCheck: value.identityCheck.trim(),
          formReceivedOn: toIsoDate(value.formReceivedOn) ?? '',
        }),
      );
      this.ref.close(created);
    });
  }
}
