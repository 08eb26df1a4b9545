import { Column, Entity } from 'typeorm';
import { UuidColumn, UuidPrimaryColumn } from '../infra/database/uuid-column';
import { InstantColumn } from '../infra/database/instant-column';
import type { CaKeyStoreKind } from './keystore/ca-keystore';

/**
 * A credit union's issuing CA (one each): its certificate, where its private key is — encrypted
 * PKCS#8 here (`CA_KEY_PASSPHRASE`), or only the label and CKA_ID of a key on a PKCS#11 token —
 * and the latest CRL it published.
 */
@Entity('certificate_authority')
export class CertificateAuthority {
  @UuidPrimaryColumn() id!: string;
  @UuidColumn() creditUnionId!: string;
  @Column({ type: 'text' }) certificatePem!: string;
  /** `software` (key below, encrypted) or `pkcs11` (key on the token, never here). */
  @Column({ type: 'varchar', length: 16, default: 'software' })
  keyStore!: CaKeyStoreKind;
  /** Software keys only: PKCS#8, PBES2 (PBKDF2-HMAC-SHA256 × 600,000, AES-256-CBC). */
  @Column({ type: 'text', nullable: true }) encryptedKeyPem!: string | null;
  /** Token keys only: CKA_LABEL and CKA_ID (hex) of the private key. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  keyLabel!: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true })
  keyId!: string | null;
  /** cRLNumber of the latest CRL (0: none published yet). */
  @Column({ type: 'integer', default: 0 }) crlNumber!: number;
  /** The latest CRL, DER in base64; null before the first. */
  @Column({ type: 'text', nullable: true }) crlDer!: string | null;
  @InstantColumn({ nullable: true }) crlThisUpdate!: Date | null;
  @InstantColumn({ nullable: true }) crlNextUpdate!: Date | null;
  /** Revocations of this CA's certificates so far (counted inside the revoking transactions). */
  @Column({ type: 'integer', default: 0 }) revocationCount!: number;
  /** `revocationCount` the latest CRL covers: less than `revocationCount` means publish again. */
  @Column({ type: 'integer', default: 0 }) crlRevocationCount!: number;
  @InstantColumn() createdAt!: Date;
}

/** A new CA's CRL state: nothing published, nothing revoked. */
export const NO_CRL_YET = Object.freeze({
  crlNumber: 0,
  crlDer: null,
  crlThisUpdate: null,
  crlNextUpdate: null,
  revocationCount: 0,
  crlRevocationCount: 0,
} as const satisfies Partial<CertificateAuthority>);
