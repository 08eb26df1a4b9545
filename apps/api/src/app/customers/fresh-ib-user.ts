import type { IbUser } from './ib-user.entity';

/**
 * What a new IB user holds until the first log-on: no PINs, no lock, no certificate, no reissue
 * (the import, the seed and the test fixtures spread it into the rows they create).
 */
export const FRESH_IB_USER = Object.freeze({
  pinHash: null,
  confirmPinHash: null,
  failedPinAttempts: 0,
  pinLockedAt: null,
  currentCertificateId: null,
  currentExpiryDate: null,
  currentRevoked: false,
  reissueState: null,
} as const satisfies Partial<IbUser>);
