import { summarizeDurations } from './durations';

describe('summarizeDurations', () => {
  it('is all nulls for no durations', () => {
    expect(summarizeDurations([])).toEqual({
      count: 0,
      averageMinutes: null,
      medianMinutes: null,
      maxMinutes: null,
    });
  });

  it('gives count, rounded average, median (middle pair averaged) and maximum', () => {
    expect(summarizeDurations([60, 10, 30])).toEqual({
      count: 3,
      averageMinutes: 33,
      medianMinutes: 30,
      maxMinutes: 60,
    });
    expect(summarizeDurations([1, 2, 4, 1000])).toEqual({
      count: 4,
      averageMinutes: 252,
      medianMinutes: 3,
      maxMinutes: 1000,
    });
  });
});
