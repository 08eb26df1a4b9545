import { createPrivateKey, X509Certificate } from 'node:crypto';
import { Openssl } from '../testing/openssl';
import { createTlsServerCertificate } from './tls-server';

describe('createTlsServerCertificate', () => {
  const openssl = new Openssl();
  const now = new Date('2026-12-01T00:00:00Z');
  const server = createTlsServerCertificate({
    hostnames: ['localhost', '127.0.0.1'],
    now,
    validityDays: 825,
    organization: '電子証明書管理コンソール（開発用）',
  });
  afterAll(() => openssl.close());

  it('is a self-signed serverAuth certificate for localhost and 127.0.0.1 that openssl accepts', () => {
    const text = openssl.x509Text(server.certificatePem);
    expect(text).toContain('Public-Key: (2048 bit)');
    expect(text).toMatch(/X509v3 Basic Constraints: critical\s+CA:FALSE/);
    expect(text).toMatch(
      /X509v3 Extended Key Usage:\s+TLS Web Server Authentication/,
    );
    expect(text).toMatch(
      /X509v3 Subject Alternative Name:\s+DNS:localhost, IP Address:127.0.0.1/,
    );
    expect(
      openssl.verify(server.certificatePem, server.certificatePem, { at: now })
        .stdout,
    ).toContain(': OK');
    const x509 = new X509Certificate(server.certificatePem);
    expect(x509.checkHost('localhost')).toBe('localhost');
    expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(x509.checkHost('example.jp')).toBeUndefined();
    expect(x509.checkPrivateKey(createPrivateKey(server.privateKeyPem))).toBe(
      true,
    );
  });

  it('refuses IPv6 addresses and an empty list', () => {
    expect(() =>
      createTlsServerCertificate({
        hostnames: [],
        now,
        validityDays: 1,
        organization: 'x',
      }),
    ).toThrow(RangeError);
    expect(() =>
      createTlsServerCertificate({
        hostnames: ['::1'],
        now,
        validityDays: 1,
        organization: 'x',
      }),
    ).toThrow(/IPv4/);
  });
});
