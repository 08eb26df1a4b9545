import { formatMinutes } from './durations';

describe('formatMinutes', () => {
  it.each([
    [null, '—'],
    [0, '0分'],
    [45, '45分'],
    [60, '1時間'],
    [330, '5時間30分'],
    [1440, '1日'],
    [2490, '1日17時間'],
    [4350, '3日'],
  ])('%p minutes → %s', (minutes, text) => {
    expect(formatMinutes(minutes)).toBe(text);
  });
});
