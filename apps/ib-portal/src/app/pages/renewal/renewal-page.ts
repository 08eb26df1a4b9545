import {
  ChangeDetectionStrategy,
  Component,
  OnInit,
  computed,
  inject,
  signal,
} from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import type { IbRenewalSessionView } from '@certdesk/contracts';
import { firstValueFrom } from 'rxjs';
import { apiErrorMessage } from '../../core/api-error';
import { CertificateIssuance } from '../../core/certificate-issuance';
import { IbApi } from '../../core/ib-api';
import { IssuanceSteps } from '../../core/issuance-steps';
import { formatJapaneseDateOrAsIs } from '../../core/jst-format';
import { PassphraseFields, passphraseForm } from '../../core/passphrase';
import { Progress } from '../../core/progress';

type RenewalPhase =
  'preparing' | 'prepare_failed' | 'ready' | 'confirm' | 'issuance';

/**
 * 電子証明書の更新 (seed ③–⑨), in its own window: 電子証明書更新前処理中 → 「更新」 or
 * 「パソコンに保存する」 (the credit union's media-storage setting) → Webアクセスの確認 (はい) →
 * key generation → 電子証明書発行処理中 → install → インストール完了 → このウィンドウを閉じる.
 */
@Component({
  selector: 'ib-renewal-page',
  imports: [
    IssuanceSteps,
    MatButtonModule,
    MatCardModule,
    Progress,
    PassphraseFields,
    ReactiveFormsModule,
  ],
  providers: [CertificateIssuance],
  template: `
    <h1 class="ib-screen-title">電子証明書の更新</h1>
    <mat-card appearance="outlined">
      <mat-card-content>
        @switch (phase()) {
          @case ('preparing') {
            <h2 class="ib-step-title">電子証明書更新前処理中</h2>
            <ib-progress role="status"
              >電子証明書の更新前処理中です。処理が完了すると自動的に次の画面を表示します。</ib-progress
            >
          }
          @case ('prepare_failed') {
            <div
              class="ib-alert ib-alert-error"
              role="alert"
              data-testid="renewal-error"
            >
              {{ error() }}
            </div>
          }
          @case ('ready') {
            @if (session(); as s) {
              <h2 class="ib-step-title">電子証明書の更新</h2>
              <p>現在の電子証明書（有効期限日 {{ expiry() }}）を更新します。</p>
              <p class="ib-muted">
                「{{ s.actionLabel }}」をクリックしてください。
              </p>
              <div class="ib-actions">
                <button
                  mat-flat-button
                  type="button"
                  (click)="phase.set('confirm')"
                >
                  {{ s.actionLabel }}
                </button>
              </div>
            }
          }
          @case ('confirm') {
            <h2 class="ib-step-title">Webアクセスの確認</h2>
            <form class="ib-form" [formGroup]="passphrase" (ngSubmit)="renew()">
              <p>
                このWebサイトは、お客さまの代わりに電子証明書の操作を実行します。新しい鍵を作成し、電子証明書の発行を申請します。更新しますか？
              </p>
              <ib-passphrase-fields [form]="passphrase" />
              <div class="ib-actions">
                <button mat-flat-button type="submit">はい</button>
                <button
                  mat-stroked-button
                  type="button"
                  (click)="phase.set('ready')"
                >
                  いいえ
                </button>
              </div>
            </form>
          }
          @case ('issuance') {
            <ib-issuance-steps [closable]="true" />
          }
        }
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    .ib-step-title {
      font: var(--mat-sys-title-large);
      margin: 0 0 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RenewalPage implements OnInit {
  private readonly api = inject(IbApi);
  private readonly issuance = inject(CertificateIssuance);

  protected readonly phase = signal<RenewalPhase>('preparing');
  protected readonly session = signal<IbRenewalSessionView | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly passphrase = passphraseForm();
  protected readonly expiry = computed(() => {
    const s = this.session();
    return s ? formatJapaneseDateOrAsIs(s.certificate.expiryDate) : '';
  });

  async ngOnInit(): Promise<void> {
    try {
      this.session.set(await firstValueFrom(this.api.openRenewal()));
      this.phase.set('ready');
    } catch (error) {
      this.error.set(apiErrorMessage(error));
      this.phase.set('prepare_failed');
    }
  }

  protected async renew(): Promise<void> {
    const session = this.session();
    if (!session || this.passphrase.invalid) {
      this.passphrase.markAllAsTouched();
      return;
    }
    this.phase.set('issuance');
    await this.issuance.issue(
      this.passphrase.controls.passphrase.value,
      'IB renewal',
      (csr) => this.api.submitRenewal(session.id, csr),
    );
  }
}
