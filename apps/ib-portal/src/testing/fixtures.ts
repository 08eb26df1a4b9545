import type { TestRequest } from '@angular/common/http/testing';
import type {
  ApiError,
  ErrorCode,
  IbIssuedCertificate,
  IbMe,
} from '@certdesk/contracts';
import type {
  BrowserKeyPair,
  CertificateKeys,
} from '../app/core/certificate-keys';

/** Lets pending promises and timers run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve));
}

/** Answers `req` the way the API fails: an `ApiError` body with a Japanese message. */
export function flushApiError(
  req: TestRequest,
  statusCode: number,
  message: string,
  code?: string,
): void {
  const body: ApiError = {
    statusCode,
    error: 'Error',
    message,
    ...(code ? { code: code as ErrorCode } : {}),
  };
  req.flush(body, { status: statusCode, statusText: 'Error' });
}

export const ME: IbMe = {
  creditUnion: { code: '1001', name: 'さくら信用金庫', mediaStorage: false },
  customer: { contractNumber: '0000000198', companyName: '有限会社高橋電機' },
  ibUser: { loginId: '0000000198A0', name: '鈴木 翔', ibRole: 'administrator' },
  certificate: {
    serialHex: '4cc4434712ab',
    expiryDate: '2027-12-01',
    notAfter: '2027-12-01T14:59:59.000Z',
    issuedAt: '2026-12-01T00:00:00.000Z',
  },
  status: 'renewal_due',
  daysLeft: 11,
  newest: true,
  newerCertificate: null,
  renewalConfirmed: false,
};

export const ISSUED: IbIssuedCertificate = {
  certificatePem:
    '-----BEGIN CERTIFICATE-----\nISSUED\n-----END CERTIFICATE-----\n',
  pkcs7Pem: '-----BEGIN PKCS7-----\nP7\n-----END PKCS7-----\n',
  caCertificatePem:
    '-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n',
  certificate: {
    subject: 'CN=0000000198A0,OU=0000000198,O=さくら信用金庫,C=JP',
    issuer: 'CN=さくら信用金庫 電子証明書発行CA,O=さくら信用金庫,C=JP',
    serialHex: '4CC4434712AB193C427F136790EE1992',
    notBefore: '2027-11-20T00:00:00.000Z',
    notAfter: '2028-11-20T14:59:59.000Z',
    publicKey: { algorithm: 'rsa', bits: 2048, exponent: '65537' },
    signatureAlgorithm: 'sha256WithRSAEncryption',
    fingerprintSha256:
      'cce1714058ea0e384fe9fd3c2ae90e05f2df53ebde097441a5820a917bbf59ad',
    extensions: [],
  },
  expiryDate: '2028-11-20',
  via: 'renewal',
};

/** A stand-in for the key service (real RSA is tested in certificate-keys.spec.ts). */
export function fakeKeys(): jest.Mocked<
  Pick<
    CertificateKeys,
    'generateKeyPair' | 'createCsr' | 'buildPkcs12' | 'matches'
  >
> {
  const pair = { privateKey: {}, publicKey: {} } as unknown as BrowserKeyPair;
  return {
    generateKeyPair: jest.fn().mockResolvedValue(pair),
    createCsr: jest
      .fn()
      .mockReturnValue(
        '-----BEGIN CERTIFICATE REQUEST-----\nCSR\n-----END CERTIFICATE REQUEST-----\n',
      ),
    buildPkcs12: jest.fn().mockReturnValue(new Uint8Array([0x30, 0x82])),
    matches: jest.fn().mockReturnValue(true),
  };
}
