import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  inject,
  input,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { CertificateContents } from './certificate-contents';
import { CertificateIssuance } from './certificate-issuance';
import { ImportGuide } from './import-guide';
import { formatJapaneseDateOrAsIs } from './jst-format';
import { Progress } from './progress';

/**
 * The screens after the customer said はい (seed ⑥–⑨): key generation, 電子証明書発行処理中,
 * the install question, インストール完了 with the certificate's contents, and closing the window.
 */
@Component({
  selector: 'ib-issuance-steps',
  imports: [
    CertificateContents,
    ImportGuide,
    MatButtonModule,
    Progress,
    RouterLink,
  ],
  template: `
    @switch (issuance.step()) {
      @case ('generating') {
        <h2 class="ib-step-title">新しいRSA交換キーを作成しています</h2>
        <ib-progress role="status"
          >このパソコンで鍵（RSA
          2048ビット）を作成しています。秘密鍵はこのパソコンの外へ送信されません。</ib-progress
        >
      }
      @case ('issuing') {
        <h2 class="ib-step-title">電子証明書発行処理中</h2>
        <ib-progress role="status"
          >電子証明書を発行しています。しばらくお待ちください。発行が完了すると自動的に次の画面を表示します。</ib-progress
        >
      }
      @case ('install') {
        <h2 class="ib-step-title">電子証明書のインストール</h2>
        <p>
          電子証明書が発行されました。このパソコンに電子証明書をインストール（保存）しますか？
        </p>
        <p class="ib-muted">
          「はい」をクリックすると、電子証明書ファイル（{{
            issuance.filename()
          }}）を保存します。このファイルを保存しないまま画面を閉じると、電子証明書を使用できなくなります。
        </p>
        @if (issuance.error(); as error) {
          <div class="ib-alert ib-alert-error" role="alert">{{ error }}</div>
        }
        <div class="ib-actions">
          <button mat-flat-button type="button" (click)="issuance.install()">
            はい
          </button>
        </div>
      }
      @case ('done') {
        @if (issuance.issued(); as issued) {
          <h2 class="ib-step-title">電子証明書のインストールが完了しました</h2>
          <div class="ib-alert ib-alert-success" role="status">
            <p>
              電子証明書ファイル（{{ issuance.filename() }}）を保存しました。
            </p>
            <p>発行された電子証明書の内容をご確認ください。</p>
          </div>
          <ib-certificate-contents [issued]="issued" />
          <ib-import-guide [expiry]="expiryOf(issued.expiryDate)" />
          <div class="ib-actions">
            <button
              mat-stroked-button
              type="button"
              (click)="issuance.install()"
            >
              電子証明書ファイルをもう一度保存する
            </button>
            @if (closable()) {
              <button mat-flat-button type="button" (click)="close()">
                このウィンドウを閉じる
              </button>
            } @else {
              <a mat-flat-button routerLink="/">ログオン画面へ</a>
            }
          </div>
          @if (closeRefused()) {
            <div class="ib-alert ib-alert-info" role="status">
              このウィンドウを閉じられませんでした。ブラウザのタブを閉じてください。
            </div>
          }
        }
      }
      @case ('failed') {
        <div
          class="ib-alert ib-alert-error"
          role="alert"
          data-testid="issuance-error"
        >
          <p>{{ issuance.error() }}</p>
        </div>
      }
    }
  `,
  styles: `
    .ib-step-title {
      font: var(--mat-sys-title-large);
      margin: 0 0 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IssuanceSteps {
  protected readonly issuance = inject(CertificateIssuance);
  private readonly document = inject(DOCUMENT);

  /** A renewal window (opened from the notice) closes; acquisition goes back to log-on. */
  readonly closable = input(false);

  protected readonly closeRefused = signal(false);
  protected readonly expiryOf = formatJapaneseDateOrAsIs;

  /** ⑨ このウィンドウを閉じる (browsers close only windows a script opened). */
  protected close(): void {
    const view = this.document.defaultView;
    view?.close();
    setTimeout(() => this.closeRefused.set(!view?.closed), 300);
  }
}
