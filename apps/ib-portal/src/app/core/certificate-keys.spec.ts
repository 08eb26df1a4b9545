import { TestBed } from '@angular/core/testing';
import * as forge from 'node-forge';
import { createSecureContext } from 'node:tls';
import {
  BrowserKeyPair,
  CertificateKeyError,
  CertificateKeys,
  KEY_BITS,
  fromBinary,
  toBinary,
} from './certificate-keys';

/** A small CA that signs the CSR, as the credit union's CA would (subject from its own records). */
function issueFromCsr(csrPem: string): {
  certificatePem: string;
  caCertificatePem: string;
} {
  const caKeys = forge.pki.rsa.generateKeyPair({ bits: 1024, e: 0x10001 });
  const ca = forge.pki.createCertificate();
  ca.publicKey = caKeys.publicKey;
  ca.serialNumber = '01';
  ca.validity.notBefore = new Date('2026-01-01T00:00:00Z');
  ca.validity.notAfter = new Date('2036-01-01T00:00:00Z');
  const caName = [{ shortName: 'CN', value: 'Test CA' }];
  ca.setSubject(caName);
  ca.setIssuer(caName);
  ca.setExtensions([{ name: 'basicConstraints', cA: true }]);
  ca.sign(caKeys.privateKey, forge.md.sha256.create());

  const csr = forge.pki.certificationRequestFromPem(csrPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = csr.publicKey as forge.pki.rsa.PublicKey;
  cert.serialNumber = '0a1b2c';
  cert.validity.notBefore = new Date('2026-12-01T00:00:00Z');
  cert.validity.notAfter = new Date('2027-12-01T14:59:59Z');
  cert.setSubject([{ shortName: 'CN', value: '0000000001A0' }]);
  cert.setIssuer(caName);
  cert.sign(caKeys.privateKey, forge.md.sha256.create());
  return {
    certificatePem: forge.pki.certificateToPem(cert),
    caCertificatePem: forge.pki.certificateToPem(ca),
  };
}

/** Every OBJECT IDENTIFIER in a structure, descending into OCTET STRINGs that hold DER (PKCS#12 nests them). */
function allOids(node: forge.asn1.Asn1): string[] {
  if (node.type === forge.asn1.Type.OID && typeof node.value === 'string')
    return [forge.asn1.derToOid(node.value)];
  if (Array.isArray(node.value)) return node.value.flatMap(allOids);
  if (node.type === forge.asn1.Type.OCTETSTRING && node.value.length > 2) {
    try {
      return allOids(forge.asn1.fromDer(node.value));
    } catch {
      return [];
    }
  }
  return [];
}

describe('CertificateKeys', () => {
  let keys: CertificateKeys;
  let pair: BrowserKeyPair;

  beforeAll(async () => {
    keys = TestBed.inject(CertificateKeys);
    pair = await keys.generateKeyPair();
  });

  /** The PKCS#12 of this pair with `issued`'s certificate and CA certificate. */
  const pkcs12 = (
    issued: { certificatePem: string; caCertificatePem: string },
    passphrase: string,
    friendlyName = 'IB',
  ) =>
    keys.buildPkcs12(
      pair,
      issued.certificatePem,
      issued.caCertificatePem,
      passphrase,
      friendlyName,
    );

  it('makes an RSA-2048 key pair with exponent 65537 (WebCrypto)', () => {
    expect(pair.publicKey.n.bitLength()).toBe(KEY_BITS);
    expect(pair.publicKey.e.toString(10)).toBe('65537');
    expect(pair.privateKey.n.equals(pair.publicKey.n)).toBe(true);
  });

  it('signs a PKCS#10 request with SHA-256 for that key', () => {
    const pem = keys.createCsr(pair, '0000000001A0');
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----/);
    const csr = forge.pki.certificationRequestFromPem(pem);
    expect(csr.verify()).toBe(true);
    expect(csr.siginfo.algorithmOid).toBe(
      forge.pki.oids['sha256WithRSAEncryption'],
    );
    expect(
      (csr.publicKey as forge.pki.rsa.PublicKey).n.equals(pair.publicKey.n),
    ).toBe(true);
    expect(csr.subject.getField('CN').value).toBe('0000000001A0');
    expect(pem).not.toContain('PRIVATE KEY');
  });

  it('builds a PKCS#12 that opens with the passphrase and holds the key of the certificate, and the CA', () => {
    const issued = issueFromCsr(keys.createCsr(pair, 'x'));
    const der = pkcs12(issued, 'pass-phrase-1', 'IB certificate 2027-12-01');

    const p12 = forge.pkcs12.pkcs12FromAsn1(
      forge.asn1.fromDer(toBinary(der)),
      'pass-phrase-1',
    );
    const keyBags =
      p12.getBags({ bagType: forge.pki.oids['pkcs8ShroudedKeyBag'] })[
        forge.pki.oids['pkcs8ShroudedKeyBag']
      ] ?? [];
    const certBags =
      p12.getBags({ bagType: forge.pki.oids['certBag'] })[
        forge.pki.oids['certBag']
      ] ?? [];
    expect(keyBags).toHaveLength(1);
    expect(certBags).toHaveLength(2);

    const key = keyBags[0].key as forge.pki.rsa.PrivateKey;
    const [leaf, ca] = certBags.map((b) => b.cert as forge.pki.Certificate);
    expect(leaf.subject.getField('CN').value).toBe('0000000001A0');
    expect(ca.subject.getField('CN').value).toBe('Test CA');
    // The key in the file is the certificate's key: sign with one, verify with the other.
    expect((leaf.publicKey as forge.pki.rsa.PublicKey).n.equals(key.n)).toBe(
      true,
    );
    const md = forge.md.sha256.create().update('ログオン', 'utf8');
    expect(
      (leaf.publicKey as forge.pki.rsa.PublicKey).verify(
        md.digest().getBytes(),
        key.sign(md),
      ),
    ).toBe(true);
    expect(keyBags[0].attributes['friendlyName']).toEqual([
      'IB certificate 2027-12-01',
    ]);
    expect(keyBags[0].attributes['localKeyId']).toEqual(
      certBags[0].attributes['localKeyId'],
    );
  });

  it('encrypts the key with AES-256 under PBES2 (no cleartext key in the file) and refuses a wrong passphrase', () => {
    const issued = issueFromCsr(keys.createCsr(pair, 'x'));
    const der = pkcs12(issued, 'pass-phrase-1');
    const binary = toBinary(der);
    expect(binary).toContain(
      forge.asn1.oidToDer(forge.pki.oids['aes256-CBC']).getBytes(),
    );
    const rawKey = forge.asn1
      .toDer(forge.pki.privateKeyToAsn1(pair.privateKey))
      .getBytes();
    expect(binary).not.toContain(rawKey.slice(0, 200));
    expect(() =>
      forge.pkcs12.pkcs12FromAsn1(
        forge.asn1.fromDer(binary),
        'wrong-passphrase',
      ),
    ).toThrow();
  });

  it('derives the key-encryption key with PBKDF2-HMAC-SHA256 (not forge’s default SHA-1)', () => {
    const issued = issueFromCsr(keys.createCsr(pair, 'x'));
    const binary = toBinary(pkcs12(issued, 'pass-phrase-1'));
    // PFX → authSafe → the unencrypted SafeContents holding the pkcs8ShroudedKeyBag → its
    // EncryptedPrivateKeyInfo → PBES2 parameters → PBKDF2 parameters' last element, the PRF.
    const oids = allOids(forge.asn1.fromDer(binary));
    expect(oids).toContain(forge.pki.oids['pkcs5PBKDF2']);
    expect(oids).toContain(forge.pki.oids['hmacWithSHA256']);
    expect(oids).not.toContain(forge.pki.oids['hmacWithSHA1']);
    // and OpenSSL still reads it
    expect(() =>
      createSecureContext({
        pfx: Buffer.from(fromBinary(binary)),
        passphrase: 'pass-phrase-1',
      }),
    ).not.toThrow();
  });

  it("is read by OpenSSL (Node's TLS) as the client credential, with the passphrase only", () => {
    const issued = issueFromCsr(keys.createCsr(pair, 'x'));
    const pfx = Buffer.from(pkcs12(issued, 'pass-phrase-1'));
    expect(() =>
      createSecureContext({ pfx, passphrase: 'pass-phrase-1' }),
    ).not.toThrow();
    expect(() =>
      createSecureContext({ pfx, passphrase: 'wrong-passphrase' }),
    ).toThrow(/mac verify failure|invalid password/i);
  });

  it('refuses a certificate that is not for this key, and a weak passphrase', async () => {
    const other = await keys.generateKeyPair();
    const issued = issueFromCsr(keys.createCsr(other, 'x'));
    expect(keys.matches(pair, issued.certificatePem)).toBe(false);
    expect(() => pkcs12(issued, 'pass-phrase-1')).toThrow(
      new CertificateKeyError(
        '発行された電子証明書がこのパソコンで作成した鍵と一致しません。お取引店にお問い合わせください。',
      ),
    );
    const mine = issueFromCsr(keys.createCsr(pair, 'x'));
    expect(() => pkcs12(mine, 'short')).toThrow(CertificateKeyError);
    expect(() => pkcs12(mine, 'パスワードです12345')).toThrow(
      CertificateKeyError,
    );
  });

  it('converts between bytes and forge binary strings without loss', () => {
    const bytes = new Uint8Array(70000).map((_, i) => i % 256);
    expect(fromBinary(toBinary(bytes))).toEqual(bytes);
  });
});
