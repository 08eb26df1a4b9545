import { Openssl } from '../testing/openssl';
import { acceptedCsr, creditUnionCa } from '../testing/test-ca';
import { buildCrl, REVOCATION_REASON_CODES, RevokedEntry } from './crl';
import { IssuedCertificate, issueClientCertificate } from './issue';
import { newSerialHex } from './serial';

describe('buildCrl', () => {
  const openssl = new Openssl();
  const now = new Date('2026-12-01T00:00:00Z');
  const { created, ca } = creditUnionCa('あおば信用金庫', now);
  const issue = async () =>
    issueClientCertificate({
      ca,
      csrPublicKey: acceptedCsr(openssl.request().csrPem).publicKeyDer,
      subject: { CN: 'u', OU: '1', O: 'あおば信用金庫' },
      serialHex: newSerialHex(),
      notBefore: now,
      expiryDate: '2027-12-01',
      crlUrl: 'http://localhost/ib/crl/1002.crl',
    });
  let revoked: IssuedCertificate;
  let kept: IssuedCertificate;
  let crl: Buffer;
  const entries: RevokedEntry[] = [
    {
      serialHex: '', // the certificate issued before all
      revokedAt: new Date('2026-12-01T01:02:03Z'),
      reason: 'keyCompromise',
    },
    {
      serialHex: 'ff01',
      revokedAt: new Date('2026-11-30T00:00:00Z'),
      reason: 'superseded',
    },
    {
      serialHex: '0a',
      revokedAt: new Date('2026-11-29T00:00:00Z'),
      reason: 'unspecified',
    },
  ];
  beforeAll(async () => {
    revoked = await issue();
    kept = await issue();
    entries[0].serialHex = revoked.serialHex;
    crl = await buildCrl({
      ca,
      revoked: entries,
      thisUpdate: now,
      nextUpdate: new Date('2026-12-08T00:00:00Z'),
      crlNumber: 300,
    });
  });
  afterAll(() => openssl.close());

  it('is a v2 CRL that openssl verifies with the CA, listing each serial with its reason', () => {
    const result = openssl.crl(crl, created.certificatePem);
    expect(result.status).toBe(0);
    expect(result.stderr + result.stdout).toContain('verify OK');
    const text = result.stdout;
    expect(text).toContain('Version 2 (0x1)');
    expect(text).toContain(
      'Issuer: C = JP, O = \\E3\\81\\82\\E3\\81\\8A\\E3\\81\\B0\\E4\\BF\\A1\\E7\\94\\A8\\E9\\87\\91\\E5\\BA\\AB',
    );
    expect(text).toContain('Last Update: Dec  1 00:00:00 2026 GMT');
    expect(text).toContain('Next Update: Dec  8 00:00:00 2026 GMT');
    expect(text).toMatch(/X509v3 CRL Number:\s+300/);
    expect(text).toContain('X509v3 Authority Key Identifier');
    expect(text).toMatch(
      new RegExp(
        `Serial Number: ${revoked.serialHex.toUpperCase()}\\s+Revocation Date: Dec  1 01:02:03 2026 GMT\\s+CRL entry extensions:\\s+X509v3 CRL Reason Code:\\s+Key Compromise`,
      ),
    );
    expect(text).toMatch(
      /Serial Number: FF01\s+Revocation Date: Nov 30 00:00:00 2026 GMT\s+CRL entry extensions:\s+X509v3 CRL Reason Code:\s+Superseded/,
    );
    expect(text).toMatch(
      /Serial Number: 0A\s+Revocation Date: Nov 29 00:00:00 2026 GMT\n/,
    );
  });

  it('makes openssl refuse the revoked certificate and accept the other one', () => {
    const at = new Date('2026-12-02T00:00:00Z');
    const refused = openssl.verify(created.certificatePem, revoked.pem, {
      at,
      crlDer: crl,
    });
    expect(refused.status).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain('certificate revoked');
    expect(
      openssl.verify(created.certificatePem, kept.pem, { at, crlDer: crl })
        .status,
    ).toBe(0);
  });

  it('is valid when empty, and refuses nonsense', async () => {
    const empty = await buildCrl({
      ca,
      revoked: [],
      thisUpdate: now,
      nextUpdate: new Date('2026-12-02T00:00:00Z'),
      crlNumber: 1,
    });
    const result = openssl.crl(empty, created.certificatePem);
    expect(result.stderr + result.stdout).toContain('verify OK');
    expect(result.stdout).toContain('No Revoked Certificates.');
    await expect(
      buildCrl({
        ca,
        revoked: [],
        thisUpdate: now,
        nextUpdate: now,
        crlNumber: 1,
      }),
    ).rejects.toThrow(/nextUpdate/);
    await expect(
      buildCrl({
        ca,
        revoked: [{ ...entries[0], serialHex: 'XYZ' }],
        thisUpdate: now,
        nextUpdate: new Date('2027-01-01'),
        crlNumber: 1,
      }),
    ).rejects.toThrow(/serial/);
  });

  it('knows the RFC 5280 reason codes', () => {
    expect(REVOCATION_REASON_CODES).toMatchObject({
      unspecified: 0,
      keyCompromise: 1,
      affiliationChanged: 3,
      superseded: 4,
      cessationOfOperation: 5,
      privilegeWithdrawn: 9,
    });
  });
});
