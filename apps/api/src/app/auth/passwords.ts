import { Injectable, OnModuleInit } from '@nestjs/common';
import { argon2id, hash, verify } from 'argon2';
import { randomBytes, randomInt } from 'node:crypto';
import { passwordProblems } from './password-policy';

/** Unambiguous characters (no 0/O, 1/l/I) for passwords read off a screen. */
const ONE_TIME_ALPHABET =
  'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
const ONE_TIME_GROUPS = 4;
const ONE_TIME_GROUP_LENGTH = 5;

/** argon2id hashing, a constant-work check for unknown users, and one-time passwords. */
@Injectable()
export class Passwords implements OnModuleInit {
  private dummyHash: Promise<string> | null = null;

  onModuleInit(): void {
    // Made once, with the same parameters as real hashes, so an unknown user costs a real verify.
    this.dummyHash = hash(randomBytes(32).toString('base64url'), {
      type: argon2id,
    });
  }

  hash(password: string): Promise<string> {
    return hash(password, { type: argon2id });
  }

  /** False (never throws) for a wrong password or an unreadable hash. */
  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }

  /** Spends the time of a real check and always fails (unknown user names). */
  async verifyNothing(password: string): Promise<false> {
    this.dummyHash ??= hash(randomBytes(32).toString('base64url'), {
      type: argon2id,
    });
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
