import { JapaneseDatePipe } from './japanese-date.pipe';

describe('JapaneseDatePipe', () => {
  const pipe = new JapaneseDatePipe();

  it.each([
    ['2026-12-01', '2026年12月1日(火)'],
    ['2026-12-25', '2026年12月25日(金)'],
    ['2027-01-03', '2027年1月3日(日)'],
  ])('formats %s as %s (the domain’s Japanese date)', (iso, expected) => {
    expect(pipe.transform(iso)).toBe(expected);
  });

  it('renders nothing for a missing date', () => {
    expect(pipe.transform(null)).toBe('');
    expect(pipe.transform(undefined)).toBe('');
  });
});
