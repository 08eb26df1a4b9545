import { Injectable } from '@nestjs/common';
import { Clock } from '../infra/clock/clock';

export const LOGIN_FAILURES_PER_IP = 30;
export const LOGIN_IP_WINDOW_MS = 5 * 60 * 1000;
/** Bounds memory when many addresses knock. */
const MAX_TRACKED_ADDRESSES = 10_000;

/**
 * Per-IP limit on failed log-ins (sliding window, in memory, per process). Complements the
 * per-account lock, which a spray over many accounts from one address would not trip. Only
 * failures count: a branch whose staff all sign in through one proxy address is not held up.
 */
@Injectable()
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly clock: Clock) {}

  /** True when `ip` has failed {@link LOGIN_FAILURES_PER_IP} times within the window. */
  isBlocked(ip: string): boolean {
    return this.recent(ip).length >= LOGIN_FAILURES_PER_IP;
  }

  /** Counts one failed log-in from `ip`. */
  recordFailure(ip: string): void {
    const recent = this.recent(ip);
    recent.push(this.clock.now().getTime());
    this.failures.delete(ip); // re-insert: the map stays ordered by last failure
    this.failures.set(ip, recent);
    if (this.failures.size > MAX_TRACKED_ADDRESSES) this.evictOldest();
  }

  private recent(ip: string): number[] {
    const now = this.clock.now().getTime();
    return (this.failures.get(ip) ?? []).filter(
      (t) => now - t < LOGIN_IP_WINDOW_MS,
    );
  }

  /** Forgets the addresses that failed longest ago. */
  private evictOldest(): void {
    for (const ip of this.failures.keys()) {
      if (this.failures.size <= MAX_TRACKED_ADDRESSES) return;
      this.failures.delete(ip);
    }
  }
}
