/**
 * How a certificate came to be (`certificate.issued_via`): the first issue at the branch, a renewal
 * or an acquisition (電子証明書取得) on the IB channel, a reissue after approval, or a row migrated
 * from the previous system.
 */
export const ISSUED_VIA = Object.freeze([
  'initial',
  'renewal',
  'acquisition',
  'reissue',
  'imported',
] as const);
export type IssuedVia = (typeof ISSUED_VIA)[number];

/** RFC 5280 CRLReason names a certificate is revoked with (`certificate.revocation_reason`). */
export const REVOCATION_REASONS = Object.freeze([
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  'privilegeWithdrawn',
] as const);
export type RevocationReason = (typeof REVOCATION_REASONS)[number];
