import {
  formatJapaneseDateOrAsIs,
  formatJapaneseDateTimeToSecond,
  validUntil,
} from './jst-format';

describe('the portal date formats (JST)', () => {
  it('writes a calendar date with its weekday, and anything else as it came', () => {
    expect(formatJapaneseDateOrAsIs('2027-12-01')).toBe('2027年12月1日(水)');
    expect(formatJapaneseDateOrAsIs('')).toBe('');
    expect(formatJapaneseDateOrAsIs('2027-13-01')).toBe('2027-13-01');
  });

  it('writes an instant to the second on the Tokyo clock, labelled, without a weekday', () => {
    expect(formatJapaneseDateTimeToSecond('2027-12-01T14:59:59.000Z')).toBe(
      '2027年12月1日 23:59:59（日本時間）',
    );
    expect(formatJapaneseDateTimeToSecond('2027-12-31T15:00:00Z')).toBe(
      '2028年1月1日 00:00:00（日本時間）',
    );
    expect(formatJapaneseDateTimeToSecond('2027-02-03T00:04:05Z')).toBe(
      '2027年2月3日 09:04:05（日本時間）',
    );
    expect(formatJapaneseDateTimeToSecond('not yet')).toBe('not yet');
  });

  it('writes the end of validity with the expiry date once and the time of notAfter', () => {
    expect(validUntil('2028-11-20', '2028-11-20T14:59:59.000Z')).toBe(
      '2028年11月20日(月) 23:59:59まで（日本時間）',
    );
    expect(validUntil('2028-11-20', '')).toBe('2028年11月20日(月)');
  });
});
