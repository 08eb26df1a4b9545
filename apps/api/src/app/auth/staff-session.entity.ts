import { Column, Entity, PrimaryColumn } from 'typeorm';
import { UuidColumn } from '../infra/database/uuid-column';
import { InstantColumn } from '../infra/database/instant-column';

export type SessionEndReason =
  | 'logout'
  | 'idle'
  | 'expired'
  | 'replaced'
  | 'disabled'
  | 'password_change'
  | 'password_reset'
  | 'locked';

/**
 * A signed-in staff session. `id` is the SHA-256 (hex) of the random token in the cookie, so a
 * copy of this table cannot be replayed as cookies.
 */
@Entity('staff_session')
export class StaffSession {
  @PrimaryColumn({ type: 'varchar', length: 64 }) id!: string;
  @UuidColumn() staffUserId!: string;
  @UuidColumn() creditUnionId!: string;
  @InstantColumn() createdAt!: Date;
  /** Updated at most once a minute; the idle limit runs from here. */
  @InstantColumn() lastSeenAt!: Date;
  /** Absolute limit: created + 12 h. */
  @InstantColumn() expiresAt!: Date;
  @InstantColumn({ nullable: true }) endedAt!: Date | null;
  @Column({ type: 'varchar', length: 16, nullable: true })
  endReason!: SessionEndReason | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) ip!: string | null;
  @Column({ type: 'varchar', length: 256, nullable: true }) userAgent!:
    string | null;
  /** When this session last proved the second factor (sign-in or step-up). */
  @InstantColumn({ nullable: true }) secondFactorAt?: Date | null;
  /** The WebAuthn challenge this session is answering (one at a time) and when it was made. */
  @Column({ type: 'varchar', length: 128, nullable: true })
  webauthnChallenge?: string | null;
  @InstantColumn({ nullable: true }) webauthnChallengeAt?: Date | null;
}
