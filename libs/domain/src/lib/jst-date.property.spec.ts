import fc from 'fast-check';
import { MS_PER_DAY, RUNS, modelDate } from '../testing/date-model';
import {
  addDays,
  addYears,
  daysBetween,
  formatJapaneseDate,
  isIsoDate,
  jstDate,
  jstEndOfDay,
  jstStartOfDay,
} from './jst-date';

const dayNumber = fc.integer({ min: 0, max: 100_000 }); // 1970 … 2243
const isoDate = dayNumber.map(modelDate);
const tokyo = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

describe('jst-date properties', () => {
  // From 1952 on: tzdata's Asia/Tokyo had summer time 1948–1951 (JDT), which the domain's fixed UTC+9 ignores.
  it('jstDate agrees with Intl.DateTimeFormat in Asia/Tokyo', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1952-01-01T00:00:00Z'),
          max: new Date('2200-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (instant) => {
          expect(jstDate(instant)).toBe(tokyo.format(instant));
        },
      ),
      RUNS,
    );
  });

  it('jstDate changes exactly at JST midnight (15:00 UTC)', () => {
    fc.assert(
      fc.property(dayNumber, (n) => {
        const midnightJst = n * MS_PER_DAY - 9 * 3_600_000;
        expect(jstDate(new Date(midnightJst))).toBe(modelDate(n));
        expect(jstDate(new Date(midnightJst - 1))).toBe(modelDate(n - 1));
        expect(jstStartOfDay(modelDate(n)).getTime()).toBe(midnightJst);
        expect(jstEndOfDay(modelDate(n)).getTime()).toBe(
          midnightJst + MS_PER_DAY - 1000,
        );
      }),
      RUNS,
    );
  });

  it('addDays agrees with the model and daysBetween inverts it', () => {
    fc.assert(
      fc.property(
        dayNumber,
        fc.integer({ min: -5000, max: 5000 }),
        (start, n) => {
          fc.pre(start + n >= 0);
          const from = modelDate(start);
          const to = addDays(from, n);
          expect(to).toBe(modelDate(start + n));
          expect(daysBetween(from, to)).toBe(n);
          expect(addDays(to, -n)).toBe(from);
        },
      ),
      RUNS,
    );
  });

  it('daysBetween is antisymmetric and additive', () => {
    fc.assert(
      fc.property(isoDate, isoDate, isoDate, (a, b, c) => {
        expect(daysBetween(a, b) + daysBetween(b, a)).toBe(0);
        expect(daysBetween(a, b) + daysBetween(b, c)).toBe(daysBetween(a, c));
      }),
      RUNS,
    );
  });

  it('isIsoDate agrees with the Date round trip on YYYY-MM-DD shaped strings', () => {
    const twoDigits = fc
      .integer({ min: 0, max: 39 })
      .map((n) => String(n).padStart(2, '0'));
    fc.assert(
      fc.property(
        fc.integer({ min: 1970, max: 9999 }),
        twoDigits,
        twoDigits,
        (year, month, day) => {
          const s = `${year}-${month}-${day}`;
          const parsed = new Date(`${s}T00:00:00Z`);
          const model =
            !Number.isNaN(parsed.getTime()) &&
            parsed.toISOString().slice(0, 10) === s;
          expect(isIsoDate(s)).toBe(model);
        },
      ),
      RUNS,
    );
  });

  it('addYears keeps month and day, clamping Feb 29', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -50, max: 50 }), (date, n) => {
        const result = addYears(date, n);
        expect(Number(result.slice(0, 4))).toBe(Number(date.slice(0, 4)) + n);
        if (
          date.slice(5) === '02-29' &&
          !isIsoDate(`${result.slice(0, 4)}-02-29`)
        ) {
          expect(result.slice(5)).toBe('02-28');
        } else {
          expect(result.slice(5)).toBe(date.slice(5));
        }
      }),
      RUNS,
    );
  });

  it('formatJapaneseDate names the weekday as Intl does', () => {
    const weekday = new Intl.DateTimeFormat('ja-JP', {
      timeZone: 'UTC',
      weekday: 'short',
    });
    fc.assert(
      fc.property(dayNumber, (n) => {
        const date = modelDate(n);
        const [y, m, d] = date.split('-').map(Number);
        expect(formatJapaneseDate(date)).toBe(
          `${y}年${m}月${d}日(${weekday.format(new Date(n * MS_PER_DAY))})`,
        );
      }),
      RUNS,
    );
  });
});
