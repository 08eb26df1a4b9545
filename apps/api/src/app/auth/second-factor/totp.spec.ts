import { base32Decode, base32Encode, hotp, matchingStep } from './totp';

describe('RFC 6238 one-time codes', () => {
  // RFC 6238 Appendix B (SHA-1 seed "12345678901234567890", 8 digits).
  const seed = Buffer.from('12345678901234567890');
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('at %i s the code is %s', (seconds, expected) => {
    expect(hotp(seed, Math.floor(seconds / 30), 'sha1', 8)).toBe(expected);
  });

  it('base32 round-trips and matches RFC 4648', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI').toString()).toBe('foobar');
  });

  it('accepts the current step and one either side, nothing further', () => {
    const secret = base32Encode(seed);
    const now = new Date(1111111109 * 1000);
    const step = Math.floor(1111111109 / 30);
    const at = (s: number) => hotp(seed, s);
    expect(matchingStep(secret, at(step), now, 30, 1)).toBe(step);
    expect(matchingStep(secret, at(step - 1), now, 30, 1)).toBe(step - 1);
    expect(matchingStep(secret, at(step + 1), now, 30, 1)).toBe(step + 1);
    expect(matchingStep(secret, at(step - 2), now, 30, 1)).toBeNull();
    expect(matchingStep(secret, 'abcdef', now, 30, 1)).toBeNull();
  });
});
