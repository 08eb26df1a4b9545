import { Column, Entity } from 'typeorm';
import {
  UuidColumn,
  UuidPrimaryColumn,
} from '../../infra/database/uuid-column';
import { InstantColumn } from '../../infra/database/instant-column';

export type StaffCredentialKind = 'passkey' | 'totp';

/**
 * A staff member's second factor: a passkey (WebAuthn public key, signature counter, backed-up
 * flag) or a one-time-code secret (RFC 6238; `confirmedAt` null until a first code was right,
 * `totpLastStep` the last time step accepted, so a code is accepted once only).
 */
@Entity('staff_credential')
export class StaffCredential {
  @UuidPrimaryColumn() id!: string;
  @UuidColumn() creditUnionId!: string;
  @UuidColumn() staffUserId!: string;
  @Column({ type: 'varchar', length: 16 }) kind!: StaffCredentialKind;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  @InstantColumn() createdAt!: Date;
  @InstantColumn({ nullable: true }) confirmedAt!: Date | null;
  @InstantColumn({ nullable: true }) lastUsedAt!: Date | null;
  /** WebAuthn credential id, base64url. */
  @Column({ type: 'varchar', length: 512, nullable: true }) credentialId!:
    string | null;
  /** COSE public key, base64url. */
  @Column({ type: 'text', nullable: true }) publicKey!: string | null;
  @Column({ type: 'integer', default: 0 }) counter!: number;
  @Column({ type: 'boolean', default: false }) backedUp!: boolean;
  @Column({ type: 'varchar', length: 32, nullable: true }) deviceType!:
    string | null;
  /** Comma-separated authenticator transports (usb, internal, hybrid, …). */
  @Column({ type: 'varchar', length: 200, nullable: true }) transports!:
    string | null;
  /** Base32 secret of the one-time codes. */
  @Column({ type: 'varchar', length: 64, nullable: true }) totpSecret!:
    string | null;
  @Column({ type: 'integer', nullable: true }) totpLastStep!: number | null;
}

/** One of the 10 single-use recovery codes: only its SHA-256 is kept. */
@Entity('staff_recovery_code')
export class StaffRecoveryCode {
  @UuidPrimaryColumn() id!: string;
  @UuidColumn() creditUnionId!: string;
  @UuidColumn() staffUserId!: string;
  @Column({ type: 'varchar', length: 64 }) codeHash!: string;
  @InstantColumn() createdAt!: Date;
  @InstantColumn({ nullable: true }) usedAt!: Date | null;
}

/** A challenge for signing in with a passkey alone (no session yet); taken once. */
@Entity('webauthn_login_challenge')
export class WebauthnLoginChallenge {
  @UuidPrimaryColumn() id!: string;
  @Column({ type: 'varchar', length: 128 }) challenge!: string;
  @InstantColumn() createdAt!: Date;
}
