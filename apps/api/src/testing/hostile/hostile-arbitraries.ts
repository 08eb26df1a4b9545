import fc from 'fast-check';

/**
 * fast-check generators of what an attacker (or a broken client) sends: wrong types, missing and
 * unknown fields, huge strings and arrays, NUL and unpaired surrogates, SQL and template syntax,
 * absurd and impossible dates, negative and huge numbers, `__proto__`/`constructor` keys, path
 * tricks in ids, and bodies the parser cannot read (invalid UTF-8, malformed, oversized).
 */

const SQL = [
  "'; DROP TABLE staff_user; --",
  "' OR '1'='1",
  '1; SELECT pg_sleep(5)--',
  "') UNION SELECT password_hash FROM staff_user --",
  '%',
  '_',
  '\\',
];
const TEMPLATE = [
  '{{ 7 * 7 }}',
  '{% for i in (1..99999) %}x{% endfor %}',
  '${7*7}',
  '#{7*7}',
  '<%= 7*7 %>',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '=cmd|"/c calc"!A1',
];
const DATES = [
  '2026-02-30',
  '2026-13-01',
  '2026-00-10',
  '0000-00-00',
  '9999-12-31',
  '+275760-09-13',
  '-000001-01-01',
  '2026-12-01T25:61:61Z',
  '2026-12-01T09:00:00+99:00',
  '1900-01-01',
  '20261201',
  '令和8年12月1日',
];
const NUMBERS = [
  '-1',
  '0',
  '-0',
  '1e309',
  'NaN',
  'Infinity',
  '9007199254740993',
  '99999999999999999999999999',
  '0x7fffffff',
  '1.5',
];
const ODD = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\u202eevil',
  '\uFEFF',
  '😀'.repeat(3),
  'ﾃｽﾄ１２３',
  '__proto__',
  'constructor',
  'prototype',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '../../../etc/passwd',
  '..\\..\\windows\\win.ini',
];

/** A string a field should refuse or handle safely. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...SQL, ...TEMPLATE, ...DATES) },
  { weight: 4, arbitrary: fc.constantFrom(...NUMBERS, ...ODD) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom('x', 'あ', '\u0000', "'"),
        fc.integer({ min: 300, max: 30_000 }),
      )
      .map(([c, n]) => c.repeat(n)),
  },
);

/** A value of any JSON type, most of them wrong for the field they land in. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileString },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.integer({ min: -2_147_483_648, max: 2_147_483_647 }),
      fc.constantFrom(-1, 0, 1e308, -1e308, 2 ** 53 + 2, 0.1, -0.0001),
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(true, false, null) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 3 }) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1_000, max: 8_000 })
      .map((n) => Array(n).fill(1)),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      {},
      { $gt: '' },
      { toString: 'x' },
      [[[[[]]]]],
      withOwnKey({}, '__proto__', { isAdmin: true }),
    ),
  },
);

/** An object with `key` as an own, enumerable property (JSON.stringify then writes `"__proto__"`). */
export function withOwnKey<T extends object>(
  target: T,
  key: string,
  value: unknown,
): T {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return target;
}

const EXTRA_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'creditUnionId',
  'isAdmin',
  'role',
  'id',
  '$where',
];

/** A JSON object for a DTO with `fields`: some missing, the rest hostile, maybe unknown or prototype keys. */
export function hostileObject(fields: string[]): fc.Arbitrary<object> {
  return fc
    .tuple(
      fc.array(fc.tuple(fc.boolean(), hostileValue), {
        minLength: fields.length,
        maxLength: fields.length,
      }),
      fc.array(fc.tuple(fc.constantFrom(...EXTRA_KEYS), hostileValue), {
        maxLength: 2,
      }),
    )
    .map(([values, extra]) => {
      const body: Record<string, unknown> = {};
      fields.forEach((field, i) => {
        if (values[i][0]) body[field] = values[i][1];
      });
      for (const [key, value] of extra) withOwnKey(body, key, value);
      return body;
    });
}

/** What goes over the wire as a body: JSON, or bytes the parser must refuse. */
export interface WireBody {
  label: string;
  bytes: string | Buffer;
  contentType: string;
}

const oversized = (): WireBody => ({
  label: 'oversized',
  bytes: JSON.stringify({ x: 'x'.repeat(120_000) }),
  contentType: 'application/json',
});

/** A body that body-parser itself must refuse (4xx before any handler runs). */
export const unreadableBody: fc.Arbitrary<WireBody> = fc.oneof(
  fc.constant(oversized()),
  fc
    .constantFrom(
      '{"a":',
      '{"a":1,}',
      "{'a':1}",
      '"just a string"',
      '42',
      'null',
      '\u0000',
      '{"a":"\\ud800"',
    )
    .map((bytes) => ({
      label: 'malformed',
      bytes,
      contentType: 'application/json',
    })),
  fc.constant<WireBody>({
    label: 'charset',
    bytes: '{}',
    contentType: 'application/json; charset=ebcdic-cp-us',
  }),
);

/** A body for a route reading `fields`: mostly hostile JSON objects, sometimes unreadable bytes. */
export function hostileBody(fields: string[]): fc.Arbitrary<WireBody> {
  return fc.oneof(
    {
      weight: 6,
      arbitrary: hostileObject(fields).map((body) => ({
        label: 'json',
        bytes: JSON.stringify(body),
        contentType: 'application/json',
      })),
    },
    {
      weight: 1,
      arbitrary: hostileObject(fields).map((body) => ({
        label: 'invalid UTF-8',
        bytes: Buffer.concat([
          Buffer.from(JSON.stringify(body).slice(0, -1)),
          Buffer.from(',"x":"\xff\xfe\xc0\xaf"}', 'latin1'),
        ]),
        contentType: 'application/json',
      })),
    },
    {
      weight: 1,
      arbitrary: fc.array(hostileValue, { maxLength: 3 }).map((items) => ({
        label: 'array body',
        bytes: JSON.stringify(items),
        contentType: 'application/json',
      })),
    },
    { weight: 2, arbitrary: unreadableBody },
  );
}

const PATH_TRICKS = [
  '..',
  '%2e%2e',
  '..%2F..%2Fapi%2Fstaff',
  '%00',
  'a%00b',
  '%E0%A4%A',
  '%FF',
  '%C0%AF',
  ';',
  '%3Bdrop',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF',
  '00000000-0000-4000-8000-00000000000g',
  '1%20OR%201%3D1',
  '-1',
  '9999999999999999999999',
  '__proto__',
  'constructor',
  'x'.repeat(3000),
];

/** One path segment where an id (or kind, or code) belongs: never a real one. */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PATH_TRICKS) },
  {
    weight: 3,
    arbitrary: hostileString.map((s) => encodeAny(s.slice(0, 3000)) || '%20'),
  },
);

/** A query string (without `?`) for a route reading `fields`: hostile values, repeated and unknown keys. */
export function hostileQuery(fields: string[]): fc.Arbitrary<string> {
  const key = fc.oneof(
    fields.length ? fc.constantFrom(...fields) : fc.constant('q'),
    fc.constantFrom(
      '__proto__',
      'constructor[prototype]',
      'a[b][c]',
      'limit[]',
      '%E0%A4%A',
    ),
  );
  return fc
    .array(fc.tuple(key, hostileString), { minLength: 1, maxLength: 4 })
    .map((pairs) =>
      pairs
        .map(
          ([k, v]) =>
            `${k.includes('%') ? k : encodeAny(k)}=${encodeAny(v.slice(0, 5000))}`,
        )
        .join('&'),
    );
}

/**
 * encodeURIComponent, except that an unpaired surrogate (which it refuses) is sent as the bytes a
 * careless client would send for it: ED A0 80, which is not UTF-8.
 */
export function encodeAny(text: string): string {
  return text
    .split(
      /([\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff])/,
    )
    .map((part, i) => {
      if (i % 2 === 0) return encodeURIComponent(part);
      return '%ED%A0%80';
    })
    .join('');
}
