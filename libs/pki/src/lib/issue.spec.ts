import * as forge from 'node-forge';
import { fromBinary, toBinary } from './der';
import type { CaSigner } from './signing';
import {
  createPrivateKey,
  createPublicKey,
  KeyObject,
  X509Certificate,
} from 'node:crypto';
import { Openssl } from '../testing/openssl';
import { createCa, loadCa } from './ca';
import { acceptedCsr, creditUnionCa } from '../testing/test-ca';
import { decodeCertificate } from './describe';
import { issueClientCertificate, IssueClientCertificateInput } from './issue';
import { certificatesOnlyPkcs7 } from './pkcs7';
import { newSerialHex } from './serial';

/** forge's pure-JS RSA, as the benchmark's signer (tools/bench/lib/forge-signer.ts) uses it. */
function forgeSigner(key: KeyObject): CaSigner {
  const forgeKey = forge.pki.privateKeyFromPem(
    key.export({ type: 'pkcs1', format: 'pem' }).toString(),
  );
  return {
    publicKeySpki: createPublicKey(key).export({ type: 'spki', format: 'der' }),
    sign: async (data) => {
      const digest = forge.md.sha256.create();
      digest.update(toBinary(data));
      return fromBinary(forgeKey.sign(digest));
    },
  };
}

describe('issueClientCertificate', () => {
  const openssl = new Openssl();
  const now = new Date('2026-12-01T00:30:15.250Z'); // 09:30:15 JST
  const { created, ca } = creditUnionCa('さくら信用金庫', now);
  const request = acceptedCsr(openssl.newKeyRequest(2048).csrPem);
  const input = (
    over: Partial<IssueClientCertificateInput> = {},
  ): IssueClientCertificateInput => ({
    ca,
    csrPublicKey: request.publicKeyDer,
    subject: { CN: 'user0001', OU: '1234567', O: 'さくら信用金庫' },
    serialHex: newSerialHex(),
    notBefore: now,
    expiryDate: '2027-12-01',
    crlUrl: 'http://localhost:3000/ib/crl/1001.crl',
    ...over,
  });
  afterAll(() => openssl.close());

  it('issues a client certificate that openssl verifies against the CA, with every required field', async () => {
    const issued = await issueClientCertificate(input());
    expect(
      openssl.verify(created.certificatePem, issued.pem, { at: now }).stdout,
    ).toMatch(/: OK\n$/);
    const text = openssl.x509Text(issued.pem);
    expect(text).toContain('Version: 3 (0x2)');
    expect(text).toMatch(
      /X509v3 Key Usage: critical\s+Digital Signature, Key Encipherment/,
    );
    expect(text).toMatch(
      /X509v3 Extended Key Usage:\s+TLS Web Client Authentication/,
    );
    expect(text).toMatch(/X509v3 Basic Constraints: critical\s+CA:FALSE/);
    expect(text).toMatch(
      /X509v3 CRL Distribution Points:\s+Full Name:\s+URI:http:\/\/localhost:3000\/ib\/crl\/1001.crl/,
    );
    expect(text).toContain('X509v3 Subject Key Identifier');
    expect(text).toContain(
      'Subject: C=JP, O=さくら信用金庫, OU=1234567, CN=user0001',
    );
    expect(text).toContain(
      'Issuer: C=JP, O=さくら信用金庫, CN=さくら信用金庫 電子証明書発行CA',
    );
    expect(text).toContain('Not Before: Dec  1 00:30:15 2026 GMT');
    expect(text).toContain('Not After : Dec  1 14:59:59 2027 GMT');
    expect(text).toContain('Signature Algorithm: sha256WithRSAEncryption');
    const caText = openssl.x509Text(created.certificatePem);
    const ski = (t: string, label: string) =>
      new RegExp(`${label}:\\s*\\n\\s*(?:keyid:)?([0-9A-F:]+)`).exec(t)?.[1];
    expect(ski(text, 'X509v3 Authority Key Identifier')).toBe(
      ski(caText, 'X509v3 Subject Key Identifier'),
    );

    const serial = openssl
      .ok([
        'x509',
        '-in',
        openssl.file('c.pem', issued.pem),
        '-noout',
        '-serial',
      ])
      .trim()
      .replace('serial=', '');
    expect(serial.toLowerCase()).toBe(issued.serialHex);
    expect(serial.length / 2).toBeLessThanOrEqual(20);
    expect(issued.subjectDn).toBe(
      'CN=user0001,OU=1234567,O=さくら信用金庫,C=JP',
    );
    expect(issued.notAfter.toISOString()).toBe('2027-12-01T14:59:59.000Z');
    expect(issued.notBefore.toISOString()).toBe('2026-12-01T00:30:15.000Z');

    const x509 = new X509Certificate(issued.pem);
    expect(x509.checkIssued(new X509Certificate(created.certificatePem))).toBe(
      true,
    );
    expect(
      x509.verify(new X509Certificate(created.certificatePem).publicKey),
    ).toBe(true);
    expect(x509.fingerprint256.replace(/:/g, '').toLowerCase()).toBe(
      issued.fingerprintSha256,
    );
  });

  it('gives the same, valid certificate when forge’s pure-JS RSA signs (PKCS#1 v1.5 is deterministic)', async () => {
    const fields = input();
    const byNode = await issueClientCertificate(fields);
    const byForge = await issueClientCertificate({
      ...fields,
      ca: {
        ...fields.ca,
        signer: forgeSigner(createPrivateKey(created.privateKeyPem)),
      },
    });
    expect(byForge.der.equals(byNode.der)).toBe(true);
    expect(
      openssl.verify(created.certificatePem, byForge.pem, { at: now }).status,
    ).toBe(0);
  });

  it('writes times from 2050 on as GeneralizedTime', async () => {
    const long = createCa({
      commonName: 'CA',
      organization: 'O',
      now,
      validityYears: 40,
    });
    const issued = await issueClientCertificate(
      input({
        ca: loadCa(long.certificatePem, long.privateKeyPem),
        expiryDate: '2051-01-10',
      }),
    );
    expect(openssl.x509Text(issued.pem)).toContain(
      'Not After : Jan 10 14:59:59 2051 GMT',
    );
    expect(
      openssl.verify(long.certificatePem, issued.pem, { at: now }).status,
    ).toBe(0);
  });

  it('refuses a bad serial, a bad URL, an expiry before notBefore or past the CA', async () => {
    await expect(
      issueClientCertificate(input({ serialHex: '80' + '00'.repeat(15) })),
    ).rejects.toThrow(/serialHex/);
    await expect(
      issueClientCertificate(input({ serialHex: '01'.repeat(21) })),
    ).rejects.toThrow(/serialHex/);
    await expect(
      issueClientCertificate(input({ crlUrl: 'ldap://x' })),
    ).rejects.toThrow(/crlUrl/);
    await expect(
      issueClientCertificate(input({ expiryDate: '2026-11-30' })),
    ).rejects.toThrow(/after notBefore/);
    await expect(
      issueClientCertificate(input({ expiryDate: '2047-01-01' })),
    ).rejects.toThrow(/outlive/);
    await expect(
      issueClientCertificate(
        input({ subject: { CN: 'x'.repeat(65), OU: '1', O: 'o' } }),
      ),
    ).rejects.toThrow(/CN must be/);
  });

  it('packs the certificate and its CA into a certs-only PKCS#7 that openssl reads back unchanged', async () => {
    const issued = await issueClientCertificate(input());
    const p7 = certificatesOnlyPkcs7([issued.pem, created.certificatePem]);
    const printed = openssl.ok([
      'pkcs7',
      '-inform',
      'DER',
      '-in',
      openssl.file('c.p7b', p7.der),
      '-print_certs',
    ]);
    const blocks =
      printed.match(
        /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g,
      ) ?? [];
    const der = (pem: string) =>
      Buffer.from(pem.replace(/-----[A-Z ]+-----|\s+/g, ''), 'base64');
    expect(blocks.map(der)).toEqual([issued.der, der(created.certificatePem)]);
    expect(p7.pem).toMatch(/^-----BEGIN PKCS7-----/);
  });

  it('decodes what it issued for the staff screen', async () => {
    const issued = await issueClientCertificate(input());
    const decoded = decodeCertificate(issued.pem);
    expect(decoded).toMatchObject({
      subject: 'CN=user0001,OU=1234567,O=さくら信用金庫,C=JP',
      issuer: 'CN=さくら信用金庫 電子証明書発行CA,O=さくら信用金庫,C=JP',
      serialHex: issued.serialHex,
      notAfter: issued.notAfter,
      publicKey: { algorithm: 'rsa', bits: 2048, exponent: '65537' },
      signatureAlgorithm: 'sha256WithRSAEncryption',
      fingerprintSha256: issued.fingerprintSha256,
    });
    expect(
      decoded.extensions.map((e) => [e.name, e.critical, e.value]),
    ).toEqual([
      ['basicConstraints', true, 'CA:FALSE'],
      ['keyUsage', true, 'digitalSignature, keyEncipherment'],
      ['extKeyUsage', false, 'clientAuth'],
      [
        'subjectKeyIdentifier',
        false,
        expect.stringMatching(/^([0-9A-F]{2}:){19}[0-9A-F]{2}$/),
      ],
      [
        'authorityKeyIdentifier',
        false,
        expect.stringMatching(/^([0-9A-F]{2}:){19}[0-9A-F]{2}$/),
      ],
      ['cRLDistributionPoints', false, 'http://localhost:3000/ib/crl/1001.crl'],
    ]);
    expect(
      decodeCertificate(created.certificatePem).extensions.find(
        (e) => e.name === 'basicConstraints',
      )?.value,
    ).toBe('CA:TRUE, pathlen:0');
  });
});

describe('newSerialHex', () => {
  it('gives positive, minimal, 16-octet serials from the CSPRNG, all different', async () => {
    const serials = Array.from({ length: 5000 }, newSerialHex);
    expect(new Set(serials).size).toBe(serials.length);
    for (const s of serials) {
      expect(s).toMatch(/^[0-9a-f]{32}$/);
      expect(parseInt(s.slice(0, 2), 16)).toBeGreaterThan(0);
      expect(parseInt(s.slice(0, 2), 16)).toBeLessThan(0x80);
    }
    // Every bit but the sign bit varies.
    const ones = new Array(128).fill(0);
    for (const s of serials)
      BigInt(`0x${s}`)
        .toString(2)
        .padStart(128, '0')
        .split('')
        .forEach((b, i) => (ones[i] += Number(b)));
    expect(ones[0]).toBe(0);
    expect(ones.slice(1).every((n) => n > 2000 && n < 3000)).toBe(true);
  });
});
