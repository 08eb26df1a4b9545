import {
  addDays,
  addMonths,
  addYears,
  assertIsoDate,
  daysBetween,
  formatJapaneseDate,
  formatWareki,
  isIsoDate,
  jstDate,
  jstEndOfDay,
  jstStartOfDay,
  weekdayIndex,
} from './jst-date';

describe('jstDate', () => {
  it.each([
    ['2026-12-24T14:59:59.999Z', '2026-12-24'],
    ['2026-12-24T14:59:59Z', '2026-12-24'],
    ['2026-12-24T15:00:00Z', '2026-12-25'],
    ['2026-12-25T14:59:59Z', '2026-12-25'],
    ['2026-12-31T15:00:00Z', '2027-01-01'],
    ['2028-02-28T15:00:00Z', '2028-02-29'],
    ['2027-02-28T15:00:00Z', '2027-03-01'],
    ['1970-01-01T00:00:00Z', '1970-01-01'],
    ['1969-12-31T14:59:59Z', '1969-12-31'],
    ['1969-12-31T15:00:00Z', '1970-01-01'],
    ['2000-02-29T12:00:00Z', '2000-02-29'],
  ])('%s → %s', (instant, expected) => {
    expect(jstDate(new Date(instant))).toBe(expected);
  });

  it('rejects an invalid Date', () => {
    expect(() => jstDate(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => jstDate('2026-01-01' as unknown as Date)).toThrow(RangeError);
  });

  it('rejects instants outside years 0000-9999', () => {
    expect(() => jstDate(new Date('+010000-01-01T00:00:00Z'))).toThrow(
      /out of range/,
    );
  });
});

describe('isIsoDate', () => {
  it.each([
    '2026-12-25',
    '2028-02-29',
    '2000-02-29',
    '2026-01-31',
    '0001-01-01',
    '9999-12-31',
  ])('accepts %s', (s) => {
    expect(isIsoDate(s)).toBe(true);
  });

  it.each([
    '2026-02-30',
    '2027-02-29',
    '1900-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-1-01',
    '2026-01-1',
    '26-01-01',
    '2026/01/01',
    '2026-01-01T00:00:00Z',
    ' 2026-01-01',
    '2026-01-01\n',
    '２０２６-01-01',
    '',
  ])('rejects %p', (s) => {
    expect(isIsoDate(s)).toBe(false);
  });

  it.each([null, undefined, 20260101, new Date(0), {}])(
    'rejects non-string %p',
    (value) => {
      expect(isIsoDate(value)).toBe(false);
    },
  );

  it('assertIsoDate names the argument', () => {
    expect(() => assertIsoDate('2026-02-30', 'expiryDate')).toThrow(
      /expiryDate.*"2026-02-30"/,
    );
    expect(() => assertIsoDate('2026-02-28')).not.toThrow();
  });
});

describe('addDays / daysBetween', () => {
  it.each([
    ['2026-12-25', 1, '2026-12-26'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2027-02-28', 1, '2027-03-01'],
    ['2026-12-25', -30, '2026-11-25'],
    ['2026-12-25', 90, '2027-03-25'],
    ['2026-12-25', 91, '2027-03-26'],
    ['2026-12-25', 0, '2026-12-25'],
    ['2026-12-25', 365, '2027-12-25'],
    ['2027-12-25', 366, '2028-12-25'],
  ])('addDays(%s, %i) = %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
    expect(daysBetween(date, expected)).toBe(n);
    expect(daysBetween(expected, date)).toBe(0 - n);
  });

  it('rejects bad input', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-01-01', 1.5)).toThrow(/integer/);
    expect(() => addDays('2026-01-01', Number.NaN)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(/out of range/);
    expect(() => daysBetween('2026-01-01', 'tomorrow')).toThrow(/to must be/);
    expect(() => daysBetween('x', '2026-01-01')).toThrow(/from must be/);
  });
});

describe('addMonths', () => {
  it.each([
    ['2026-12-01', -13, '2025-11-01'],
    ['2026-12-25', 1, '2027-01-25'],
    ['2027-03-31', -1, '2027-02-28'],
    ['2028-03-31', -1, '2028-02-29'],
    ['2026-01-31', 3, '2026-04-30'],
    ['2026-01-15', -24, '2024-01-15'],
    ['2026-06-30', 0, '2026-06-30'],
  ])('addMonths(%s, %i) = %s', (date, n, expected) => {
    expect(addMonths(date, n)).toBe(expected);
  });

  it('matches addYears for whole years', () => {
    for (const date of ['2028-02-29', '2026-12-31', '2027-01-01'])
      for (const years of [-5, -1, 1, 4])
        expect(addMonths(date, years * 12)).toBe(addYears(date, years));
  });

  it('rejects bad input', () => {
    expect(() => addMonths('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addMonths('2026-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('addYears', () => {
  it.each([
    ['2026-12-25', 1, '2027-12-25'],
    ['2028-02-29', 1, '2029-02-28'],
    ['2028-02-29', 4, '2032-02-29'],
    ['2028-02-29', -1, '2027-02-28'],
    ['2027-02-28', 1, '2028-02-28'],
    ['2026-03-01', 1, '2027-03-01'],
    ['2026-12-31', 0, '2026-12-31'],
  ])('addYears(%s, %i) = %s', (date, n, expected) => {
    expect(addYears(date, n)).toBe(expected);
  });

  it('rejects bad input', () => {
    expect(() => addYears('2026-02-29', 1)).toThrow(RangeError);
    expect(() => addYears('2026-01-01', 0.5)).toThrow(RangeError);
    expect(() => addYears('9999-01-01', 1)).toThrow(RangeError);
  });
});

describe('jstStartOfDay / jstEndOfDay', () => {
  it('gives the JST day boundaries as instants', () => {
    expect(jstEndOfDay('2026-12-25').toISOString()).toBe(
      '2026-12-25T14:59:59.000Z',
    );
    expect(jstStartOfDay('2026-12-25').toISOString()).toBe(
      '2026-12-24T15:00:00.000Z',
    );
    expect(jstStartOfDay('1970-01-01').toISOString()).toBe(
      '1969-12-31T15:00:00.000Z',
    );
    expect(jstEndOfDay('2028-02-29').toISOString()).toBe(
      '2028-02-29T14:59:59.000Z',
    );
  });

  it('round-trips through jstDate', () => {
    for (const date of [
      '2026-12-25',
      '2028-02-29',
      '2026-01-01',
      '2026-12-31',
    ]) {
      expect(jstDate(jstStartOfDay(date))).toBe(date);
      expect(jstDate(jstEndOfDay(date))).toBe(date);
      expect(jstDate(new Date(jstStartOfDay(date).getTime() - 1))).toBe(
        addDays(date, -1),
      );
      expect(jstDate(new Date(jstEndOfDay(date).getTime() + 1000))).toBe(
        addDays(date, 1),
      );
    }
  });

  it('rejects invalid dates', () => {
    expect(() => jstEndOfDay('2026-02-30')).toThrow(RangeError);
    expect(() => jstStartOfDay('')).toThrow(RangeError);
  });
});

describe('formatJapaneseDate', () => {
  it.each([
    ['2026-12-25', '2026年12月25日(金)'],
    ['2026-12-01', '2026年12月1日(火)'],
    ['2026-12-20', '2026年12月20日(日)'],
    ['2026-12-21', '2026年12月21日(月)'],
    ['2026-12-22', '2026年12月22日(火)'],
    ['2026-12-23', '2026年12月23日(水)'],
    ['2026-12-24', '2026年12月24日(木)'],
    ['2026-12-26', '2026年12月26日(土)'],
    ['2028-02-29', '2028年2月29日(火)'],
    ['1970-01-01', '1970年1月1日(木)'],
  ])('%s → %s', (date, expected) => {
    expect(formatJapaneseDate(date)).toBe(expected);
  });

  it('rejects invalid dates', () => {
    expect(() => formatJapaneseDate('2026-02-30')).toThrow(RangeError);
  });

  it('weekdayIndex counts from Sunday', () => {
    expect(weekdayIndex('2026-12-20')).toBe(0);
    expect(weekdayIndex('2026-12-25')).toBe(5);
    expect(weekdayIndex('1969-12-28')).toBe(0);
  });
});

describe('formatWareki', () => {
  it.each([
    ['2026-12-25', '令和8年12月25日(金)'],
    ['2019-05-01', '令和元年5月1日(水)'],
    ['2019-12-31', '令和元年12月31日(火)'],
    ['2020-01-01', '令和2年1月1日(水)'],
    ['2019-04-30', '平成31年4月30日(火)'],
    ['1989-01-08', '平成元年1月8日(日)'],
    ['1990-01-01', '平成2年1月1日(月)'],
    ['1989-01-07', '昭和64年1月7日(土)'],
    ['1926-12-25', '昭和元年12月25日(土)'],
    ['1927-01-01', '昭和2年1月1日(土)'],
  ])('%s → %s', (date, expected) => {
    expect(formatWareki(date)).toBe(expected);
  });

  it('rejects dates before 昭和 and invalid dates', () => {
    expect(() => formatWareki('1926-12-24')).toThrow(/1926-12-25/);
    expect(() => formatWareki('2019-02-29')).toThrow(RangeError);
  });
});
