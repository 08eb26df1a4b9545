import fc from 'fast-check';
import { isBlankRecord, parseCsv } from './csv';
import { csvField } from './import-fixtures';

const fields = (text: string): string[][] =>
  parseCsv(text).map((r) => r.fields);

describe('parseCsv', () => {
  it('reads plain fields, LF, CRLF and a lone CR, with or without a final line break', () => {
    expect(fields('a,b\n1,2\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(fields('a,b\r\n1,2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(fields('a,b\r1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(fields('a,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('keeps empty fields, also at the ends of a record', () => {
    expect(fields(',a,,\n')).toEqual([['', 'a', '', '']]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(
      fields('"株式会社A, B支店","言う""はい""","1行目\r\n2行目"\nx,"",y\n'),
    ).toEqual([
      ['株式会社A, B支店', '言う"はい"', '1行目\r\n2行目'],
      ['x', '', 'y'],
    ]);
  });

  it('numbers records as spreadsheet rows: blank rows count, a quoted line break does not', () => {
    const records = parseCsv('h\n"a\nb"\n\nc\n');
    expect(records.map((r) => [r.line, r.fields])).toEqual([
      [1, ['h']],
      [2, ['a\nb']],
      [3, ['']],
      [4, ['c']],
    ]);
    expect(records.map(isBlankRecord)).toEqual([false, false, true, false]);
    expect(isBlankRecord({ line: 1, fields: [' ', '', '　'] })).toBe(true);
  });

  it('reports a quote inside an unquoted field and goes on with the next record', () => {
    const records = parseCsv('a,5"b\nc,d\n');
    expect(records[0]).toMatchObject({
      line: 1,
      error: expect.stringContaining('"" と2つ重ねて'),
    });
    expect(records[1]).toEqual({ line: 2, fields: ['c', 'd'] });
  });

  it('reports text after a closing quote', () => {
    expect(parseCsv('"a"b,c\nd\n')[0]).toMatchObject({
      line: 1,
      error: expect.stringContaining('囲んだ値の後に文字があります'),
    });
    expect(parseCsv('"a"b,c\nd\n')[1]).toEqual({ line: 2, fields: ['d'] });
  });

  it('reports a quote that is never closed', () => {
    const records = parseCsv('a\n"b,c\nd\n');
    expect(records).toHaveLength(2);
    expect(records[1]).toMatchObject({
      line: 2,
      error: expect.stringContaining('閉じられていません'),
    });
  });

  it('reads back whatever RFC 4180 writing produces', () => {
    const field = fc.string({
      unit: fc.constantFrom('a', 'あ', ',', '"', '\n', '\r\n', ' ', '髙'),
    });
    const record = fc.array(field, { minLength: 2, maxLength: 5 });
    fc.assert(
      fc.property(
        fc.array(record, { minLength: 1, maxLength: 5 }),
        fc.constantFrom('\n', '\r\n'),
        (records, eol) => {
          const text =
            records.map((r) => r.map(csvField).join(',')).join(eol) + eol;
          expect(fields(text)).toEqual(records);
        },
      ),
    );
  });
});
