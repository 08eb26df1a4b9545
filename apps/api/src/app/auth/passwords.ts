import { Injectable, OnModuleInit } from '@nestjs/common';
import { argon2id, hash, verify } from 'argon2';
import { randomBytes, randomInt } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { availableParallelism } from 'node:os';
import { HashingGate } from './hashing-gate';
import { passwordProblems } from './password-policy';

/**
 * argon2id parameters of every new hash, stated rather than left to the library's defaults:
 * 64 MiB, 3 passes, 4 lanes (RFC 9106's second recommended option uses 64 MiB with 3 passes).
 * A verification reads the parameters from the stored hash, so changing these affects new hashes only.
 */
export const ARGON2_OPTIONS = {
  type: argon2id,
  memoryCost: 64 * 1024, // KiB
  timeCost: 3,
  parallelism: 4,
} as const;

/** At most this many hashings run at once per process (2 on a 2-core machine, never more than 4). */
export const HASHING_CONCURRENCY = Math.max(
  1,
  Math.min(4, availableParallelism()),
);
/** Beyond the running ones, this many wait (at most 10 s each); more are refused with 503. */
export const HASHING_MAX_WAITING = 64;
export const HASHING_MAX_WAIT_MS = 10_000;

/** Unambiguous characters (no 0/O, 1/l/I) for passwords read off a screen. */
const ONE_TIME_ALPHABET =
  'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
const ONE_TIME_GROUPS = 4;
const ONE_TIME_GROUP_LENGTH = 5;

/** argon2id hashing, a constant-work check for unknown users, and one-time passwords. */
@Injectable()
export class Passwords implements OnModuleInit {
  private dummyHash: Promise<string> | null = null;
  private typicalVerifyMs = 100;
  readonly gate = new HashingGate(
    HASHING_CONCURRENCY,
    HASHING_MAX_WAITING,
    HASHING_MAX_WAIT_MS,
  );

  onModuleInit(): void {
    // Made once, with the same parameters as real hashes, so an unknown user costs a real verify.
    this.dummyHash = hash(
      randomBytes(32).toString('base64url'),
      ARGON2_OPTIONS,
    );
  }

  /** A new argon2id hash; 503 (RetryLaterError) when too many hashings are queued. */
  hash(password: string): Promise<string> {
    return this.gate.run(() => hash(password, ARGON2_OPTIONS));
  }

  /**
   * False for a wrong password or an unreadable hash; throws only the 503 (RetryLaterError)
   * when too many hashings are queued.
   */
  async verify(passwordHash: string, password: string): Promise<boolean> {
    const started = performance.now();
    const ok = await this.gate.run(async () => {
      try {
        return await verify(passwordHash, password);
      } catch {
        return false;
      }
    });
    this.typicalVerifyMs =
      0.8 * this.typicalVerifyMs + 0.2 * (performance.now() - started);
    return ok;
  }

  /**
   * Waits about as long as a verification takes here lately (a moving average), hashing nothing:
   * for refusals that must take the time of a check but must not spend one (an account whose
   * attempts are used up), so a burst against it costs neither CPU nor memory.
   */
  spendVerifyTime(): Promise<void> {
    return new Promise((resolve) =>
      setTimeout(resolve, Math.round(this.typicalVerifyMs)),
    );
  }

  /** Spends the time of a real check and always fails (unknown user names). */
  async verifyNothing(password: string): Promise<false> {
    this.dummyHash ??= hash(
      randomBytes(32).toString('base64url'),
      ARGON2_OPTIONS,
    );
    await this.verify(await this.dummyHash, password);
    return false;
  }

  /**
   * 20 characters from a CSPRNG in groups of five (`Ab3de-…`), about 116 bits; chosen by the
   * server only, shown once, and always acceptable to the password policy.
   */
  oneTimePassword(username: string): string {
    for (;;) {
      const groups = Array.from({ length: ONE_TIME_GROUPS }, () =>
        Array.from(
          { length: ONE_TIME_GROUP_LENGTH },
          () => ONE_TIME_ALPHABET[randomInt(ONE_TIME_ALPHABET.length)],
        ).join(''),
      );
      const password = groups.join('-');
      if (passwordProblems(password, { username }).length === 0)
        return password;
    }
  }
}
