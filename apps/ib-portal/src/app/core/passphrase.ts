import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import {
  AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { PASSPHRASE_PATTERN } from './certificate-keys';

export type PassphraseForm = FormGroup<{
  passphrase: FormControl<string>;
  passphraseAgain: FormControl<string>;
}>;

function sameAsPassphrase(control: AbstractControl): ValidationErrors | null {
  const group = control.parent;
  if (!group) {
    return null;
  }
  return control.value === group.get('passphrase')?.value
    ? null
    : { mismatch: true };
}

/** The passphrase that protects the PKCS#12 file, typed twice. */
export function passphraseForm(): PassphraseForm {
  const form: PassphraseForm = new FormGroup({
    passphrase: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(PASSPHRASE_PATTERN)],
    }),
    passphraseAgain: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, sameAsPassphrase],
    }),
  });
  form.controls.passphrase.valueChanges.subscribe(() =>
    form.controls.passphraseAgain.updateValueAndValidity({ emitEvent: false }),
  );
  return form;
}

/** Fields for {@link passphraseForm}, inside the caller's `<form>`. */
@Component({
  selector: 'ib-passphrase-fields',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule],
  template: `
    <ng-container [formGroup]="form()">
      <p class="ib-muted ib-passphrase-help">
        電子証明書はパスワード付きのファイル（PKCS#12形式、拡張子
        .p12）としてこのパソコンに保存します。ファイルを開くときに必要ですので、お忘れにならないようご注意ください。
      </p>
      <mat-form-field>
        <mat-label>電子証明書ファイルのパスワード</mat-label>
        <input
          matInput
          type="password"
          formControlName="passphrase"
          autocomplete="new-password"
        />
        <mat-hint>半角の英数字・記号で8文字以上</mat-hint>
        @if (form().controls.passphrase.hasError('required')) {
          <mat-error>パスワードを入力してください</mat-error>
        } @else if (form().controls.passphrase.hasError('pattern')) {
          <mat-error
            >半角の英数字・記号で8文字以上64文字以内にしてください</mat-error
          >
        }
      </mat-form-field>
      <mat-form-field>
        <mat-label>電子証明書ファイルのパスワード（確認）</mat-label>
        <input
          matInput
          type="password"
          formControlName="passphraseAgain"
          autocomplete="new-password"
        />
        @if (form().controls.passphraseAgain.hasError('required')) {
          <mat-error>確認のため、もう一度入力してください</mat-error>
        } @else if (form().controls.passphraseAgain.hasError('mismatch')) {
          <mat-error>パスワードが一致しません</mat-error>
        }
      </mat-form-field>
    </ng-container>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    .ib-passphrase-help {
      margin: 8px 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PassphraseFields {
  readonly form = input.required<PassphraseForm>();
}
