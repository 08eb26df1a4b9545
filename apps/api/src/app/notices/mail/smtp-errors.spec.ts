import { classifySendError, isMailAddress, retryDelayMs } from './smtp-errors';

describe('classifySendError', () => {
  it.each([
    [
      { code: 'ECONNECTION', message: 'connect ECONNREFUSED 127.0.0.1:2525' },
      true,
    ],
    [{ code: 'ESOCKET', message: 'read ECONNRESET' }, true],
    [{ code: 'ETIMEDOUT', message: 'Greeting never received' }, true],
    [
      { code: 'EENVELOPE', responseCode: 450, response: '450 mailbox busy' },
      true,
    ],
    [
      { code: 'EMESSAGE', responseCode: 421, response: '421 shutting down' },
      true,
    ],
    [{ code: 'EAUTH', responseCode: 535, response: '535 auth failed' }, true],
    [
      { code: 'EENVELOPE', responseCode: 550, response: '550 no such user' },
      false,
    ],
    [{ code: 'EMESSAGE', responseCode: 554, response: '554 rejected' }, false],
    [{ code: 'EENVELOPE', message: 'No recipients defined' }, false],
    [new Error('something odd'), true],
  ])('%j → transient %s', (error, transient) => {
    const failure = classifySendError(error);
    expect(failure.transient).toBe(transient);
    expect(failure.reason).toMatch(/[ぁ-んァ-ン]/);
  });
});

describe('retryDelayMs', () => {
  it('starts near 1 s, doubles, stays within 75–125 % of its step and never exceeds 5 min', () => {
    for (const [attempt, step] of [
      [1, 1000],
      [2, 2000],
      [3, 4000],
      [6, 32_000],
      [9, 256_000],
    ]) {
      expect(retryDelayMs(attempt, () => 0)).toBe(Math.max(1000, 0.75 * step));
      expect(retryDelayMs(attempt, () => 1)).toBe(
        Math.min(300_000, 1.25 * step),
      );
    }
    expect(retryDelayMs(30, () => 0.5)).toBe(300_000);
    expect(retryDelayMs(1000, Math.random)).toBeLessThanOrEqual(300_000);
  });
});

describe('isMailAddress', () => {
  it('accepts a plain address and refuses what cannot be one', () => {
    expect(isMailAddress('keiri@c0000000001.example.jp')).toBe(true);
    for (const bad of [
      'keiri',
      'a@b',
      'a b@c.jp',
      '"x"@c.jp',
      'a@b.jp, c@d.jp',
      `${'a'.repeat(250)}@b.jp`,
    ])
      expect([bad, isMailAddress(bad)]).toEqual([bad, false]);
  });
});
