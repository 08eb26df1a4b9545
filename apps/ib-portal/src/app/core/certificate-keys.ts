import { Injectable } from '@angular/core';
import * as forge from 'node-forge';
import { UserFacingError } from '@certdesk/web';

/** RSA key size the portal makes (the API refuses less than 2048 bits). */
export const KEY_BITS = 2048;

/** The file passphrase: 8 to 64 half-width characters (letters, digits and symbols, no spaces). */
export const PASSPHRASE_PATTERN = /^[\x21-\x7e]{8,64}$/;

/** A key pair made in this browser. The private key never leaves it except inside the PKCS#12. */
export interface BrowserKeyPair {
  privateKey: forge.pki.rsa.PrivateKey;
  publicKey: forge.pki.rsa.PublicKey;
}

/** Why the key or the file could not be made, in the customer's words. */
export class CertificateKeyError extends UserFacingError {}

type Pkcs12Options = NonNullable<
  Parameters<typeof forge.pkcs12.toPkcs12Asn1>[3]
>;

/**
 * Key generation, the certificate request and the PKCS#12 file, all in the browser:
 * the RSA key is made with WebCrypto (fast, the platform's random source), the PKCS#10 is signed
 * with SHA-256 and the PKCS#12 is built with node-forge (AES-256 with PBKDF2-HMAC-SHA256, SHA-1 MAC as forge does)
 * under a passphrase the customer chooses.
 */
@Injectable({ providedIn: 'root' })
export class CertificateKeys {
  /** A new RSA-2048 key pair (WebCrypto; node-forge where WebCrypto is unavailable). */
  async generateKeyPair(): Promise<BrowserKeyPair> {
    const subtle = globalThis.crypto?.subtle;
    if (!subtle) {
      return this.generateWithForge();
    }
    const pair = await subtle.generateKey(
      {
        name: 'RSASSA-PKCS1-v1_5',
        modulusLength: KEY_BITS,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: 'SHA-256',
      },
      true, // extractable: it is written into the PKCS#12 the customer saves, nowhere else
      ['sign', 'verify'],
    );
    const pkcs8 = new Uint8Array(
      await subtle.exportKey('pkcs8', pair.privateKey),
    );
    const privateKey = forge.pki.privateKeyFromAsn1(
      forge.asn1.fromDer(forge.util.createBuffer(toBinary(pkcs8))),
    ) as forge.pki.rsa.PrivateKey;
    const publicKey = forge.pki.setRsaPublicKey(privateKey.n, privateKey.e);
    return { privateKey, publicKey };
  }

  /**
   * The PKCS#10 request (PEM) for `keys`, signed with SHA-256. The subject is only a hint: the
   * credit union writes the certificate's subject from its own records.
   */
  createCsr(keys: BrowserKeyPair, commonName: string): string {
    const csr = forge.pki.createCertificationRequest();
    csr.publicKey = keys.publicKey;
    csr.setSubject([{ shortName: 'CN', value: commonName || 'IB user' }]);
    csr.sign(keys.privateKey, forge.md.sha256.create());
    return forge.pki.certificationRequestToPem(csr);
  }

  /** Whether the certificate (PEM) is for this key pair's public key. */
  matches(keys: BrowserKeyPair, certificatePem: string): boolean {
    const certificate = forge.pki.certificateFromPem(certificatePem);
    const publicKey = certificate.publicKey as forge.pki.rsa.PublicKey;
    return (
      publicKey.n.equals(keys.publicKey.n) &&
      publicKey.e.equals(keys.publicKey.e)
    );
  }

  /**
   * The PKCS#12 (DER) holding the private key, the issued certificate and its CA, encrypted
   * under `passphrase`. Refuses a certificate that is not for this key.
   */
  buildPkcs12(
    keys: BrowserKeyPair,
    certificatePem: string,
    caCertificatePem: string,
    passphrase: string,
    friendlyName: string,
  ): Uint8Array {
    if (!PASSPHRASE_PATTERN.test(passphrase)) {
      throw new CertificateKeyError(
        'パスワードは半角の英数字・記号で8文字以上64文字以内にしてください。',
      );
    }
    if (!this.matches(keys, certificatePem)) {
      throw new CertificateKeyError(
        '発行された電子証明書がこのパソコンで作成した鍵と一致しません。お取引店にお問い合わせください。',
      );
    }
    const chain = [certificatePem, caCertificatePem].map((pem) =>
      forge.pki.certificateFromPem(pem),
    );
    // forge passes these on to its PBES2 encryption; its typings omit `prfAlgorithm` here.
    const options: Pkcs12Options & forge.pki.EncryptionOptions = {
      algorithm: 'aes256',
      prfAlgorithm: 'sha256', // PBKDF2-HMAC-SHA256 (forge's default PRF is SHA-1)
      count: 10000,
      friendlyName,
      generateLocalKeyId: true,
    };
    const p12 = forge.pkcs12.toPkcs12Asn1(
      keys.privateKey,
      chain,
      passphrase,
      options,
    );
    return fromBinary(forge.asn1.toDer(p12).getBytes());
  }

  private generateWithForge(): Promise<BrowserKeyPair> {
    return new Promise((resolve, reject) => {
      forge.pki.rsa.generateKeyPair(
        { bits: KEY_BITS, e: 0x10001 },
        (error, pair) =>
          error
            ? reject(error)
            : resolve({
                privateKey: pair.privateKey,
                publicKey: pair.publicKey,
              }),
      );
    });
  }
}

/** Bytes as forge's binary string. */
export function toBinary(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return out;
}

/** forge's binary string as bytes. */
export function fromBinary(binary: string): Uint8Array {
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes;
}
