import { Column, Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../infra/database/instant-column';

/**
 * A credit union's issuing CA (one each): its certificate, its private key as encrypted PKCS#8
 * (`CA_KEY_PASSPHRASE`), and the latest CRL it published.
 */
@Entity('certificate_authority')
export class CertificateAuthority {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) creditUnionId!: string;
  @Column({ type: 'text' }) certificatePem!: string;
  @Column({ type: 'text' }) encryptedKeyPem!: string;
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
