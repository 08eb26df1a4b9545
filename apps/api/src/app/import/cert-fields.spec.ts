import {
  defaultNotBefore,
  excelDateHint,
  normalizeSerial,
  parseNotBefore,
} from './cert-fields';

describe('normalizeSerial', () => {
  it.each([
    ['00:AB:CD', 'abcd'],
    ['0123ABcd', '0123abcd'],
    ['abc', '0abc'],
    ['0:0:0:1', '01'],
    ['7F', '7f'],
    ['1'.repeat(40), '1'.repeat(40)],
  ])('%s → %s', (input, expected) => {
    expect(normalizeSerial(input)).toBe(expected);
  });

  it.each([
    '',
    'xyz',
    ':ab',
    'ab:',
    'ab::cd',
    'ab cd',
    '1'.repeat(41),
    '00',
    '0:00',
  ])('refuses %j', (input) => {
    expect(normalizeSerial(input)).toBeNull();
  });
});

describe('parseNotBefore', () => {
  it('takes a date as 00:00 JST', () => {
    expect(parseNotBefore('2026-04-01')?.toISOString()).toBe(
      '2026-03-31T15:00:00.000Z',
    );
  });

  it.each([
    ['2026-04-01T09:30:00+09:00', '2026-04-01T00:30:00.000Z'],
    ['2026-04-01T09:30+0900', '2026-04-01T00:30:00.000Z'],
    ['2026-04-01T00:30:00Z', '2026-04-01T00:30:00.000Z'],
    ['2026-04-01t00:30:00.123456z', '2026-04-01T00:30:00.123Z'],
    ['2026-04-01T00:00:00-05:00', '2026-04-01T05:00:00.000Z'],
  ])('takes the instant %s', (input, expected) => {
    expect(parseNotBefore(input)?.toISOString()).toBe(expected);
  });

  it.each([
    '2026-02-30',
    '2026-04-01T09:30:00',
    '2026-04-01 09:30:00+09:00',
    '2026-04-01T24:00:00Z',
    '2026-02-30T00:00:00Z',
    '2026/4/1',
    'x',
  ])('refuses %j', (input) => {
    expect(parseNotBefore(input)).toBeNull();
  });
});

describe('defaultNotBefore / excelDateHint', () => {
  it('is one year before the expiry date at 00:00 JST (Feb 29 → Feb 28)', () => {
    expect(defaultNotBefore('2027-06-30').toISOString()).toBe(
      '2026-06-29T15:00:00.000Z',
    );
    expect(defaultNotBefore('2028-02-29').toISOString()).toBe(
      '2027-02-27T15:00:00.000Z',
    );
  });

  it('explains a date that Excel rewrote', () => {
    expect(excelDateHint('2026/3/31')).toContain('Excel');
    expect(excelDateHint('2026-02-30')).toBe('');
  });
});
