import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  computed,
  inject,
  input,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { IbMe } from '@certdesk/contracts';
import { IB_RENEWAL_PATH, jstDate } from '@certdesk/domain';
import { ImportGuide } from './import-guide';
import { formatJapaneseDateOrAsIs } from './jst-format';

/**
 * After a renewal, on the screens after log-on: a customer still on the old certificate is told
 * that a new one was issued (and when), how to import it, and that renewing again is possible
 * while the new one is unused; one on the new certificate gets the seed's ⑩ confirmation.
 */
@Component({
  selector: 'ib-renewal-status',
  imports: [ImportGuide, MatButtonModule],
  template: `
    @if (me().newerCertificate; as newer) {
      <section
        class="ib-alert ib-alert-info"
        data-testid="old-certificate-reminder"
        aria-labelledby="ib-old-certificate-title"
      >
        <h2 id="ib-old-certificate-title" class="ib-status-title">
          新しい電子証明書が発行されています
        </h2>
        <p>
          {{ issuedOn() }}に新しい電子証明書（有効期限日
          {{
            newExpiry()
          }}）が発行されています。いまログオンしている電子証明書は更新前のものです。
        </p>
        <p>
          保存した電子証明書ファイルをブラウザに取り込み、新しい電子証明書でログオンしてください。新しい電子証明書でログオンするまでは、この電子証明書も{{
            presentedExpiry()
          }}までご利用いただけます。
        </p>
        <ib-import-guide [expiry]="newExpiry()" />
        <p>
          電子証明書ファイルを紛失した場合やパスワードを忘れた場合は、この電子証明書でもう一度更新できます。まだ使っていない新しい電子証明書は、そのとき使用できなくなります。
        </p>
        <div class="ib-actions">
          <button
            mat-stroked-button
            type="button"
            data-testid="renew-again"
            (click)="renewAgain()"
          >
            電子証明書を更新し直す
          </button>
        </div>
      </section>
    } @else if (me().renewalConfirmed) {
      <div
        class="ib-alert ib-alert-success"
        role="status"
        data-testid="renewal-confirmed"
      >
        <p>
          <strong
            >新しい電子証明書でログオンできました。電子証明書の更新は完了です。</strong
          >
        </p>
        <p>
          新しい電子証明書の有効期限日は{{
            presentedExpiry()
          }}です。更新前の電子証明書は使用できなくなりました。
        </p>
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
      margin-bottom: 16px;
    }
    .ib-status-title {
      font: var(--mat-sys-title-large);
      margin: 0 0 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RenewalStatus {
  readonly me = input.required<IbMe>();
  private readonly document = inject(DOCUMENT);

  protected readonly issuedOn = computed(() => {
    const newer = this.me().newerCertificate;
    return newer
      ? formatJapaneseDateOrAsIs(jstDate(new Date(newer.issuedAt)))
      : '';
  });
  protected readonly newExpiry = computed(() =>
    formatJapaneseDateOrAsIs(this.me().newerCertificate?.expiryDate ?? ''),
  );
  /** The presented certificate's expiry date. */
  protected readonly presentedExpiry = computed(() =>
    formatJapaneseDateOrAsIs(this.me().certificate.expiryDate),
  );

  /** The renewal screens in their own window, as from the notice (seed ③). */
  protected renewAgain(): void {
    this.document.defaultView?.open(IB_RENEWAL_PATH, '_blank');
  }
}
