import { formatJapaneseDate } from './japanese-date';
import { JapaneseDatePipe } from './japanese-date.pipe';

describe('formatJapaneseDate', () => {
  it.each([
    ['2026-12-01', '2026年12月01日(火)'],
    ['2026-12-25', '2026年12月25日(金)'],
    ['2027-01-03', '2027年01月03日(日)'],
    ['2028-02-29', '2028年02月29日(火)'],
    ['2026-03-07', '2026年03月07日(土)'],
  ])('%s → %s', (iso, expected) => {
    expect(formatJapaneseDate(iso)).toBe(expected);
  });

  it.each(['2026-12-1', '2026/12/01', '2026-02-30', '2026-13-01', ''])(
    'rejects %p',
    (bad) => {
      expect(() => formatJapaneseDate(bad)).toThrow(RangeError);
    },
  );
});

describe('JapaneseDatePipe', () => {
  const pipe = new JapaneseDatePipe();

  it('formats a date', () => {
    expect(pipe.transform('2026-12-01')).toBe('2026年12月01日(火)');
  });

  it('renders nothing for a missing date', () => {
    expect(pipe.transform(null)).toBe('');
    expect(pipe.transform(undefined)).toBe('');
  });
});
