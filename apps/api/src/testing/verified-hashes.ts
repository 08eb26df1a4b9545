import { Passwords } from '../app/auth/passwords';
import type { TestApp } from './test-app';

/**
 * From now on, the hash of every password or PIN check the app makes, in order (the check itself
 * still runs): a test counts how many of a burst's guesses really reached argon2.
 */
export function recordVerifiedHashes(t: TestApp): string[] {
  const verified: string[] = [];
  const passwords = t.app.get(Passwords);
  const verify = passwords.verify.bind(passwords);
  jest
    .spyOn(passwords, 'verify')
    .mockImplementation((hash: string, secret: string) => {
      verified.push(hash);
      return verify(hash, secret);
    });
  return verified;
}
