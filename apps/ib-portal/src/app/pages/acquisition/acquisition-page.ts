import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import {
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { CertificateIssuance } from '../../core/certificate-issuance';
import { IbApi } from '../../core/ib-api';
import { IssuanceSteps } from '../../core/issuance-steps';
import { PassphraseFields, passphraseForm } from '../../core/passphrase';

const PIN = /^[0-9A-Za-z]{4,16}$/;

/**
 * 電子証明書取得 (from the log-on screen, no certificate needed): the login ID with both PINs,
 * then the same key generation, issuance and install as a renewal. For the first certificate,
 * after expiry (through the limit) and after the credit union's reissue.
 */
@Component({
  selector: 'ib-acquisition-page',
  imports: [
    IssuanceSteps,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    PassphraseFields,
    ReactiveFormsModule,
    RouterLink,
  ],
  providers: [CertificateIssuance],
  template: `
    <h1 class="ib-screen-title">電子証明書取得</h1>
    <mat-card appearance="outlined">
      <mat-card-content>
        @if (showForm()) {
          @if (issuance.error(); as error) {
            <div
              class="ib-alert ib-alert-error"
              role="alert"
              data-testid="acquisition-error"
            >
              <p>{{ error }}</p>
            </div>
          }
          <p>
            管理者の方は契約者IDとご契約先暗証番号・ご契約先確認暗証番号を、利用者の方は利用者IDと利用者暗証番号・利用者確認暗証番号を入力してください。
          </p>
          <form class="ib-form" [formGroup]="form" (ngSubmit)="acquire()">
            <mat-form-field>
              <mat-label>ログインID（契約者ID または 利用者ID）</mat-label>
              <input
                matInput
                formControlName="loginId"
                autocomplete="username"
              />
              @if (form.controls.loginId.hasError('required')) {
                <mat-error>ログインIDを入力してください</mat-error>
              }
            </mat-form-field>
            <mat-form-field>
              <mat-label>暗証番号</mat-label>
              <input
                matInput
                type="password"
                formControlName="pin"
                autocomplete="current-password"
              />
              <mat-hint>ご契約先暗証番号 または 利用者暗証番号</mat-hint>
              @if (form.controls.pin.hasError('required')) {
                <mat-error>暗証番号を入力してください</mat-error>
              } @else if (form.controls.pin.hasError('pattern')) {
                <mat-error>暗証番号は半角英数字4〜16文字です</mat-error>
              }
            </mat-form-field>
            <mat-form-field>
              <mat-label>確認暗証番号</mat-label>
              <input
                matInput
                type="password"
                formControlName="confirmationPin"
                autocomplete="off"
              />
              <mat-hint
                >ご契約先確認暗証番号 または 利用者確認暗証番号</mat-hint
              >
              @if (form.controls.confirmationPin.hasError('required')) {
                <mat-error>確認暗証番号を入力してください</mat-error>
              } @else if (form.controls.confirmationPin.hasError('pattern')) {
                <mat-error>確認暗証番号は半角英数字4〜16文字です</mat-error>
              }
            </mat-form-field>
            <mat-form-field>
              <mat-label>金庫コード（任意）</mat-label>
              <input
                matInput
                formControlName="creditUnionCode"
                inputmode="numeric"
                autocomplete="off"
              />
              <mat-hint
                >複数の信用金庫で同じログインIDをお使いの場合のみ（4桁）</mat-hint
              >
              @if (form.controls.creditUnionCode.hasError('pattern')) {
                <mat-error>金庫コードは4桁の数字です</mat-error>
              }
            </mat-form-field>
            <ib-passphrase-fields [form]="passphrase" />
            <div class="ib-actions">
              <button mat-flat-button type="submit">
                電子証明書を取得する
              </button>
              <a mat-stroked-button routerLink="/">ログオン画面へ戻る</a>
            </div>
          </form>
        } @else {
          <ib-issuance-steps />
        }
      </mat-card-content>
    </mat-card>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AcquisitionPage {
  private readonly api = inject(IbApi);
  protected readonly issuance = inject(CertificateIssuance);

  protected readonly form = new FormGroup({
    loginId: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required],
    }),
    pin: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(PIN)],
    }),
    confirmationPin: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(PIN)],
    }),
    creditUnionCode: new FormControl('', {
      nonNullable: true,
      validators: [Validators.pattern(/^\d{4}$/)],
    }),
  });
  protected readonly passphrase = passphraseForm();
  protected readonly showForm = computed(() =>
    ['idle', 'failed'].includes(this.issuance.step()),
  );

  protected async acquire(): Promise<void> {
    if (this.form.invalid || this.passphrase.invalid) {
      this.form.markAllAsTouched();
      this.passphrase.markAllAsTouched();
      return;
    }
    const { loginId, pin, confirmationPin, creditUnionCode } =
      this.form.getRawValue();
    const ok = await this.issuance.issue(
      this.passphrase.controls.passphrase.value,
      loginId.trim(),
      (csr) =>
        this.api.acquire({
          loginId: loginId.trim(),
          pin,
          confirmationPin,
          ...(creditUnionCode ? { creditUnionCode } : {}),
          csr,
        }),
    );
    if (!ok) {
      // PINs are typed again after a refusal; the rest of the form stays.
      this.form.controls.pin.reset();
      this.form.controls.confirmationPin.reset();
    }
  }
}
