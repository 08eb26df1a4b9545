import { Injectable, inject, signal } from '@angular/core';
import type { IbIssuedCertificate } from '@certdesk/contracts';
import { Observable, firstValueFrom } from 'rxjs';
import { apiErrorMessage } from './api-error';
import { BrowserKeyPair, CertificateKeys } from './certificate-keys';
import { FileDownload } from '@certdesk/web';

export const KEY_GENERATION_FAILED_MESSAGE =
  'このブラウザで鍵を作成できませんでした。最新のブラウザでやり直してください。電子証明書は発行されていません。';

export type IssuanceStep =
  'idle' | 'generating' | 'issuing' | 'install' | 'done' | 'failed';

/**
 * One issuance in the browser, shared by renewal and acquisition: make the key pair, send its
 * PKCS#10, then install — the PKCS#12 under the customer's passphrase, offered for download (again
 * if needed, for as long as this screen is open). The private key is held in this object only.
 * Provided per screen.
 */
@Injectable()
export class CertificateIssuance {
  private readonly keys = inject(CertificateKeys);
  private readonly download = inject(FileDownload);

  readonly step = signal<IssuanceStep>('idle');
  readonly issued = signal<IbIssuedCertificate | null>(null);
  readonly error = signal<string | null>(null);
  readonly filename = signal('');

  private keyPair: BrowserKeyPair | null = null;
  private passphrase = '';

  /** Key generation → 発行処理. Returns whether a certificate was issued. */
  async issue(
    passphrase: string,
    commonName: string,
    send: (csr: string) => Observable<IbIssuedCertificate>,
  ): Promise<boolean> {
    this.error.set(null);
    this.step.set('generating');
    let csr: string;
    try {
      this.keyPair = await this.keys.generateKeyPair();
      csr = this.keys.createCsr(this.keyPair, commonName);
    } catch {
      this.keyPair = null;
      this.error.set(KEY_GENERATION_FAILED_MESSAGE);
      this.step.set('failed');
      return false;
    }
    try {
      this.step.set('issuing');
      const issued = await firstValueFrom(send(csr));
      this.passphrase = passphrase;
      this.issued.set(issued);
      this.filename.set(
        `ib-certificate-${issued.expiryDate.replaceAll('-', '')}-${issued.certificate.serialHex.slice(0, 8).toLowerCase()}.p12`,
      );
      this.step.set('install');
      return true;
    } catch (error) {
      this.keyPair = null;
      this.error.set(apiErrorMessage(error));
      this.step.set('failed');
      return false;
    }
  }

  /** インストール: the PKCS#12 (key, certificate, CA) saved through the browser. */
  install(): boolean {
    const issued = this.issued();
    if (!issued || !this.keyPair) {
      return false;
    }
    try {
      const p12 = this.keys.buildPkcs12(
        this.keyPair,
        issued.certificatePem,
        issued.caCertificatePem,
        this.passphrase,
        `IB certificate ${issued.expiryDate}`,
      );
      this.download.save(
        new Blob([p12 as Uint8Array<ArrayBuffer>], {
          type: 'application/x-pkcs12',
        }),
        this.filename(),
      );
      this.error.set(null);
      this.step.set('done');
      return true;
    } catch (error) {
      this.error.set(
        apiErrorMessage(error, '電子証明書ファイルを作成できませんでした。'),
      );
      return false;
    }
  }
}
