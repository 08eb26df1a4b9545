import { Column, Entity } from 'typeorm';
import type { IssuedVia, RevocationReason } from '@certdesk/domain';
import { UuidColumn, UuidPrimaryColumn } from '../infra/database/uuid-column';
import { InstantColumn } from '../infra/database/instant-column';

/** 電子証明書: an X.509 client certificate of one IB user. */
@Entity('certificate')
export class Certificate {
  @UuidPrimaryColumn() id!: string;
  @UuidColumn() creditUnionId!: string;
  @UuidColumn() ibUserId!: string;
  /** Lower-case hex without colons or leading zero pairs; unique per credit union (one CA each). */
  @Column({ type: 'varchar', length: 40 }) serialHex!: string;
  @Column({ type: 'varchar', length: 500 }) subjectDn!: string;
  @InstantColumn() notBefore!: Date;
  @InstantColumn() notAfter!: Date;
  /** 有効期限日: JST calendar date of notAfter. */
  @Column({ type: 'date' }) expiryDate!: string;
  @InstantColumn({ nullable: true }) revokedAt!: Date | null;
  @Column({ type: 'varchar', length: 32, nullable: true })
  revocationReason!: RevocationReason | null;
  @Column({ type: 'text', nullable: true }) pem!: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) fingerprintSha256!:
    string | null;
  /** SHA-256 of the SubjectPublicKeyInfo: a key is never certified twice. */
  @Column({ type: 'varchar', length: 64, nullable: true }) publicKeySha256!:
    string | null;
  @Column({ type: 'varchar', length: 16 }) issuedVia!: IssuedVia;
  @InstantColumn() createdAt!: Date;
  /** When this certificate first logged on to the IB channel (null: never). */
  @InstantColumn({ nullable: true }) firstLogonAt?: Date | null;
  /** The certificate a renewal replaced with this one; it logs on until this one has (or its own expiry). */
  @UuidColumn({ nullable: true })
  renewedFromId?: string | null;
}
