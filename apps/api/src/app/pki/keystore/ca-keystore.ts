import type { CaSigner } from '@certdesk/pki';
import { RetryLaterError } from '../../infra/http/app-error';

/** Where a CA's private key is kept, as recorded on its `certificate_authority` row. */
export type CaKeyStoreKind = 'software' | 'pkcs11';

/** The key columns of a `certificate_authority` row. */
export interface StoredCaKey {
  keyStore: CaKeyStoreKind;
  /** Encrypted PKCS#8 (software keys only). */
  encryptedKeyPem: string | null;
  /** CKA_LABEL and CKA_ID (hex) of the key on the token (PKCS#11 keys only). */
  keyLabel: string | null;
  keyId: string | null;
}

/** A key just made for a new CA: what signs its certificate, and what its row stores. */
export interface GeneratedCaKey {
  signer: CaSigner;
  stored: StoredCaKey;
}

/** What the readiness check reports about the keystore. */
export interface KeystoreStatus {
  ok: boolean;
  /** e.g. `pkcs11 (token "certdesk-ca")` or `software (database, CA_KEY_PASSPHRASE)`. */
  keystore: string;
  error?: string;
}

/** What a refused request is told to wait before trying again (`Retry-After`). */
export const KEYSTORE_RETRY_AFTER_SECONDS = 30;

/**
 * The token cannot sign now (missing, removed, PIN refused, key not found): HTTP 503 with a
 * Japanese message and `Retry-After`; `reason` (English, for the log) says which.
 */
export class KeystoreUnavailableError extends RetryLaterError {
  constructor(readonly reason: string) {
    super('KEYSTORE_UNAVAILABLE', KEYSTORE_RETRY_AFTER_SECONDS);
  }
}
