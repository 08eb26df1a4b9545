import { formatJstDateTime, formatJstMinute } from './jst-datetime';

describe('formatJstDateTime', () => {
  it.each([
    ['2026-12-01T00:00:00.000Z', '2026/12/01 09:00:00'],
    ['2026-11-30T15:04:05Z', '2026/12/01 00:04:05'],
    ['2026-12-31T14:59:59.999Z', '2026/12/31 23:59:59'],
    ['2026-12-31T15:00:00Z', '2027/01/01 00:00:00'],
    ['2026-12-01T09:00:00+09:00', '2026/12/01 09:00:00'],
  ])('%s → %s (Asia/Tokyo, whatever the host zone)', (instant, expected) => {
    expect(formatJstDateTime(instant)).toBe(expected);
  });

  it('rejects what is not an instant', () => {
    expect(() => formatJstDateTime('yesterday')).toThrow(RangeError);
  });
});

describe('formatJstMinute', () => {
  it('drops the seconds', () => {
    expect(formatJstMinute('2026-11-30T15:04:05Z')).toBe('2026/12/01 00:04');
  });
});
