import { X509Certificate } from 'node:crypto';
import { Openssl } from '../testing/openssl';
import { createPrivateKey } from 'node:crypto';
import { createCa, loadCa } from './ca';
import {
  CA_KEY_PBKDF2_ITERATIONS,
  CaKeyPassphraseError,
  caKeyNeedsRewrap,
  caKeyWrapping,
  decryptCaKey,
  encryptCaKey,
} from './key-wrap';

describe('createCa', () => {
  const openssl = new Openssl();
  const now = new Date('2026-12-01T00:00:00.500Z');
  const ca = createCa({
    commonName: 'さくら信用金庫 電子証明書発行CA',
    organization: 'さくら信用金庫',
    now,
    validityYears: 20,
  });
  afterAll(() => openssl.close());

  it('makes a self-signed RSA-3072 CA that openssl accepts as a CA (CA:TRUE, pathlen 0, keyCertSign + cRLSign, SKI)', () => {
    const text = openssl.x509Text(ca.certificatePem);
    expect(text).toContain('Public-Key: (3072 bit)');
    expect(text).toMatch(
      /X509v3 Basic Constraints: critical\s+CA:TRUE, pathlen:0/,
    );
    expect(text).toMatch(
      /X509v3 Key Usage: critical\s+Certificate Sign, CRL Sign/,
    );
    expect(text).toContain('X509v3 Subject Key Identifier');
    expect(text).toContain(
      'Subject: C=JP, O=さくら信用金庫, CN=さくら信用金庫 電子証明書発行CA',
    );
    expect(text).toContain('Not Before: Dec  1 00:00:00 2026 GMT');
    expect(text).toContain('Not After : Dec  1 00:00:00 2046 GMT');
    expect(
      openssl.verify(ca.certificatePem, ca.certificatePem, { at: now }).stdout,
    ).toContain(': OK');
    const x509 = new X509Certificate(ca.certificatePem);
    expect(x509.ca).toBe(true);
    expect(x509.verify(x509.publicKey)).toBe(true);
  });

  it('stores the key as encrypted PKCS#8 that only the passphrase opens (openssl agrees)', async () => {
    const encrypted = await encryptCaKey(
      ca.privateKeyPem,
      'correct horse battery staple',
    );
    expect(encrypted).toContain('-----BEGIN ENCRYPTED PRIVATE KEY-----');
    expect(encrypted).not.toContain(ca.privateKeyPem.split('\n')[1]);
    const parsed = openssl.ok([
      'asn1parse',
      '-in',
      openssl.file('key.pem', encrypted),
    ]);
    expect(parsed).toContain('PBES2');
    expect(parsed).toContain('aes-256-cbc');
    // PBKDF2-HMAC-SHA256 with 600,000 iterations (0x0927C0), not Node's default 2,048
    expect(parsed).toContain('hmacWithSHA256');
    expect(parsed).toMatch(/INTEGER\s+:0927C0/);
    expect(caKeyWrapping(encrypted)).toEqual({
      scheme: 'pbes2',
      kdf: 'pbkdf2',
      prf: 'hmacWithSHA256',
      iterations: CA_KEY_PBKDF2_ITERATIONS,
      cipher: 'aes-256-cbc',
    });
    expect(caKeyNeedsRewrap(encrypted)).toBe(false);
    expect(
      openssl.run([
        'pkey',
        '-in',
        openssl.file('key.pem', encrypted),
        '-passin',
        'pass:correct horse battery staple',
        '-noout',
      ]).status,
    ).toBe(0);
    expect(await decryptCaKey(encrypted, 'correct horse battery staple')).toBe(
      ca.privateKeyPem,
    );
    await expect(decryptCaKey(encrypted, 'wrong passphrase')).rejects.toThrow(
      CaKeyPassphraseError,
    );
    await expect(encryptCaKey(ca.privateKeyPem, '')).rejects.toThrow(
      RangeError,
    );
  });

  it('still opens a key wrapped the old way (Node’s PBKDF2 × 2,048) and says it needs a re-wrap', async () => {
    const legacy = createPrivateKey(ca.privateKeyPem)
      .export({
        type: 'pkcs8',
        format: 'pem',
        cipher: 'aes-256-cbc',
        passphrase: 'correct horse battery staple',
      })
      .toString();
    expect(caKeyWrapping(legacy)).toMatchObject({
      kdf: 'pbkdf2',
      iterations: 2048,
    });
    expect(caKeyNeedsRewrap(legacy)).toBe(true);
    expect(await decryptCaKey(legacy, 'correct horse battery staple')).toBe(
      ca.privateKeyPem,
    );
    await expect(decryptCaKey(legacy, 'wrong passphrase')).rejects.toThrow(
      CaKeyPassphraseError,
    );
  });

  it('loads a CA only with its own key', () => {
    const loaded = loadCa(ca.certificatePem, ca.privateKeyPem);
    expect(loaded.keyId).toHaveLength(20);
    expect(loaded.notAfter.toISOString()).toBe('2046-12-01T00:00:00.000Z');
    const other = createCa({
      commonName: 'other',
      organization: 'other',
      now,
      validityYears: 1,
    });
    expect(() => loadCa(ca.certificatePem, other.privateKeyPem)).toThrow(
      /does not match/,
    );
  });
});
