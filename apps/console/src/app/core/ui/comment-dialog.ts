import {
  ChangeDetectionStrategy,
  Component,
  OnInit,
  computed,
  inject,
  input,
} from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Observable, firstValueFrom } from 'rxjs';
import { apiErrorMessage } from '../api-error';
import { FormSubmission } from '../form-submission';
import { FormDialogActions } from './form-dialog-actions';

const MAX_LENGTH = 500;

/** What a {@link CommentDialog} says. */
export interface CommentWording {
  readonly title: string;
  /** The confirming button, e.g. 「承認する」. */
  readonly confirm: string;
  /** The field's label: コメント (the default) or 理由. */
  readonly label?: string;
  readonly hint: string;
  /** Shown when a required text is missing; none: the text may be empty. */
  readonly required?: string;
}

/** 承認 / 却下 of a request another staff member made (a reissue, a staff change). */
export type DecisionKind = 'approve' | 'reject';

/** The wording of deciding on `subject` (e.g. 再発行): a comment is required to reject. */
export function decisionWording(
  kind: DecisionKind,
  subject: string,
  approveHint: string,
): CommentWording {
  return kind === 'approve'
    ? { title: `${subject}を承認`, confirm: '承認する', hint: approveHint }
    : {
        title: `${subject}を却下`,
        confirm: '却下する',
        hint: '却下の理由を入力してください（依頼した職員が確認します）',
        required: '却下の理由をコメントに入力してください',
      };
}

/**
 * The body of a dialog that sends one free text (a decision's コメント, a closure's 理由): title,
 * what it is about (the content), the text field, キャンセル and the confirming button. It sends
 * here, so that the server's refusal (own request, already decided, no permission) is shown in
 * place, and closes its dialog with the answer.
 */
@Component({
  selector: 'cd-comment-dialog',
  imports: [
    ReactiveFormsModule,
    FormDialogActions,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
  ],
  template: `
    <h2 mat-dialog-title>{{ wording().title }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <ng-content />
        @if (error(); as message) {
          <p class="cd-alert cd-alert-error" role="alert">{{ message }}</p>
        }
        <div class="cd-form">
          <mat-form-field>
            <mat-label>{{ label() }}</mat-label>
            <textarea matInput formControlName="text" rows="3"></textarea>
            <mat-hint>{{ wording().hint }}</mat-hint>
            <mat-error>{{ textError() }}</mat-error>
          </mat-form-field>
        </div>
      </mat-dialog-content>
      <cd-form-dialog-actions [submitting]="submitting()">
        {{ wording().confirm }}
      </cd-form-dialog-actions>
    </form>
  `,
  // The dialog's title, content and actions lay out as if they were the dialog's own.
  styles: `
    :host {
      display: contents;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CommentDialog<R> implements OnInit {
  readonly wording = input.required<CommentWording>();
  /** Sends the trimmed text (undefined when empty). */
  readonly send = input.required<(text: string | undefined) => Observable<R>>();

  private readonly ref = inject<MatDialogRef<unknown, R>>(MatDialogRef);
  protected readonly form = inject(NonNullableFormBuilder).group({
    text: ['', Validators.maxLength(MAX_LENGTH)],
  });
  protected readonly label = computed(() => this.wording().label ?? 'コメント');
  private readonly submission = new FormSubmission(this.form, apiErrorMessage);
  protected readonly submitting = this.submission.submitting;
  protected readonly error = this.submission.error;

  ngOnInit(): void {
    if (this.wording().required) {
      this.form.controls.text.addValidators([
        Validators.required,
        Validators.pattern(/\S/),
      ]);
      this.form.controls.text.updateValueAndValidity();
    }
  }

  protected textError(): string {
    const errors = this.form.controls.text.errors;
    if (errors?.['maxlength'])
      return `${this.label()}は${MAX_LENGTH}文字以内で入力してください`;
    return errors ? (this.wording().required ?? '') : '';
  }

  protected async submit(): Promise<void> {
    await this.submission.submit(async () => {
      const text = this.form.getRawValue().text.trim();
      this.ref.close(await firstValueFrom(this.send()(text || undefined)));
    });
  }
}
