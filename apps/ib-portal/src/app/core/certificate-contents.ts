import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import type { IbIssuedCertificate } from '@certdesk/contracts';
import { formatJapaneseDateTimeToSecond, validUntil } from './jst-format';

/** ⑧ 発行された電子証明書の内容: the fields the customer checks after installing. */
@Component({
  selector: 'ib-certificate-contents',
  template: `
    <dl class="ib-fields" data-testid="certificate-contents">
      <dt>発行先</dt>
      <dd data-testid="certificate-subject">{{ view().subject }}</dd>
      <dt>発行者</dt>
      <dd>{{ view().issuer }}</dd>
      <dt>シリアル番号</dt>
      <dd data-testid="certificate-serial">{{ view().serialHex }}</dd>
      <dt>有効期間の開始</dt>
      <dd>{{ notBefore() }}</dd>
      <dt>有効期限日</dt>
      <dd data-testid="certificate-expiry">{{ expiry() }}</dd>
      <dt>公開鍵</dt>
      <dd>{{ publicKey() }}</dd>
      <dt>署名アルゴリズム</dt>
      <dd>{{ view().signatureAlgorithm }}</dd>
      <dt>拇印（SHA-256）</dt>
      <dd class="ib-fingerprint">{{ view().fingerprintSha256 }}</dd>
    </dl>
  `,
  styles: `
    .ib-fingerprint {
      font-family: monospace;
      font-size: 0.85em;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CertificateContents {
  readonly issued = input.required<IbIssuedCertificate>();

  protected readonly view = computed(() => this.issued().certificate);
  protected readonly notBefore = computed(() =>
    formatJapaneseDateTimeToSecond(this.view().notBefore),
  );
  protected readonly expiry = computed(() =>
    validUntil(this.issued().expiryDate, this.view().notAfter),
  );
  protected readonly publicKey = computed(() => {
    const key = this.view().publicKey;
    const name = key.algorithm.toUpperCase();
    return key.bits ? `${name}（${key.bits}ビット）` : name;
  });
}
