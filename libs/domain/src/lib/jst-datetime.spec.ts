import {
  formatJapaneseDateTime,
  formatJstCsvDateTime,
  formatJstDateTime,
  formatJstIsoDateTime,
  formatJstMinute,
  jstDateTimeParts,
  jstTimeOfDay,
} from './jst-datetime';

describe('JST date-time formats', () => {
  it.each([
    ['2026-12-01T00:00:00.000Z', '2026/12/01 09:00:00'],
    ['2026-11-30T15:04:05Z', '2026/12/01 00:04:05'],
    ['2026-12-31T14:59:59.999Z', '2026/12/31 23:59:59'],
    ['2026-12-31T15:00:00Z', '2027/01/01 00:00:00'],
    ['2026-12-01T09:00:00+09:00', '2026/12/01 09:00:00'],
  ])('formatJstDateTime(%s) → %s, whatever the host zone', (instant, text) => {
    expect(formatJstDateTime(instant)).toBe(text);
    expect(formatJstDateTime(new Date(instant))).toBe(text);
  });

  it('writes one instant in every format', () => {
    const instant = new Date('2026-12-19T16:05:09.500Z');
    expect(jstDateTimeParts(instant)).toEqual({
      date: '2026-12-20',
      time: '01:05:09',
    });
    expect(formatJstMinute(instant)).toBe('2026/12/20 01:05');
    expect(formatJstCsvDateTime(instant)).toBe('2026-12-20 01:05:09');
    expect(formatJstIsoDateTime(instant)).toBe('2026-12-20T01:05:09+09:00');
    expect(formatJapaneseDateTime(instant)).toBe('2026年12月20日(日) 01:05');
    expect(jstTimeOfDay(instant)).toBe('01:05');
  });

  it.each([['yesterday'], [''], [new Date(Number.NaN)]])(
    'refuses %p, which is not an instant',
    (instant) => {
      expect(() => formatJstDateTime(instant)).toThrow(RangeError);
      expect(() => formatJstCsvDateTime(instant)).toThrow(RangeError);
    },
  );
});
