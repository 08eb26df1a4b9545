import type { Certificate } from './certificate.entity';

/**
 * The fields of a certificate row without its PEM — one the import takes from the core system's
 * file, or the seed and the test fixtures make up: no fingerprints, not revoked.
 */
export const PEMLESS_CERTIFICATE = Object.freeze({
  revokedAt: null,
  revocationReason: null,
  pem: null,
  fingerprintSha256: null,
  publicKeySha256: null,
} as const satisfies Partial<Certificate>);
