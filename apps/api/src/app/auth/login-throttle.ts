import { Injectable } from '@nestjs/common';
import { Clock } from '../infra/clock/clock';
import {
  AttemptClaim,
  AttemptCounter,
  AttemptLimit,
  secondsUntil,
} from '../infra/limits/attempt-counter';

export const LOGIN_FAILURES_PER_IP = 30;
export const LOGIN_IP_WINDOW_MS = 5 * 60 * 1000;
export const LOGIN_ADDRESS_LIMIT: AttemptLimit = {
  scope: 'login_address',
  max: LOGIN_FAILURES_PER_IP,
  windowMs: LOGIN_IP_WINDOW_MS,
};

/** 429s from one address audited one by one per window; a flood beyond adds nothing to the audit log. */
export const LIMITED_AUDITS_PER_ADDRESS = 5;
const LIMITED_AUDIT_LIMIT: AttemptLimit = {
  scope: 'audit_login_limited',
  max: LIMITED_AUDITS_PER_ADDRESS,
  windowMs: LOGIN_IP_WINDOW_MS,
};

/**
 * Per-address limit on failed log-ins, kept in the database (`attempt_counter`) so it holds
 * across API processes: every attempt claims a slot before its password is checked (so a burst
 * from one address verifies at most {@link LOGIN_FAILURES_PER_IP} passwords), a success gives its
 * slot back. Complements the per-account lock, which a spray over many accounts from one address
 * would not trip. Only failures stay counted: a branch whose staff all sign in through one proxy
 * address is not held up.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly counter: AttemptCounter,
    private readonly clock: Clock,
  ) {}

  /** Claims one attempt for `ip`: null (counting nothing) when it has failed too often in the window. */
  claim(ip: string): Promise<AttemptClaim | null> {
    return this.counter.claim(LOGIN_ADDRESS_LIMIT, ip);
  }

  /** The attempt succeeded (or never reached a password check): its slot is free again. */
  release(ip: string, claim: AttemptClaim): Promise<void> {
    return this.counter.release(LOGIN_ADDRESS_LIMIT, ip, claim);
  }

  /**
   * Whether this refusal (429) from `ip` is to be audited one by one: the first
   * {@link LIMITED_AUDITS_PER_ADDRESS} per window are, the rest of a flood is only counted.
   */
  async auditRefusal(ip: string): Promise<boolean> {
    const seen = await this.counter.hit(LIMITED_AUDIT_LIMIT, ip);
    return seen.count <= LIMITED_AUDITS_PER_ADDRESS;
  }

  /** Seconds until `ip` may try again (for `Retry-After`). */
  async retryAfterSeconds(ip: string): Promise<number> {
    const current = await this.counter.current(LOGIN_ADDRESS_LIMIT, ip);
    return secondsUntil(
      current?.windowEndsMs ?? this.clock.now().getTime() + LOGIN_IP_WINDOW_MS,
      this.clock.now().getTime(),
    );
  }
}
