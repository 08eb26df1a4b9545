import { decode } from 'iconv-lite';
import { csvField, csvLine, encodeCsv, GETA, unmappableInCp932 } from './csv';

describe('csv', () => {
  it('quotes what needs quoting and neutralises spreadsheet formulas', () => {
    expect(
      csvLine(['株式会社山田商事', 'a,b', 'say "hi"', 'two\nlines', null, 42]),
    ).toBe('株式会社山田商事,"a,b","say ""hi""","two\nlines",,42\r\n');
    expect(csvField('=HYPERLINK("http://x")')).toBe(
      `"'=HYPERLINK(""http://x"")"`,
    );
    expect(csvField('+81-3-1234')).toBe("'+81-3-1234");
    expect(csvField(-5)).toBe('-5');
  });

  it('round-trips 髙 and 﨑 (IBM extensions) through CP932', () => {
    const text = csvLine(['髙橋製作所', '山﨑工業', 'ｶ)ﾔﾏﾀﾞ']);
    expect(unmappableInCp932(text)).toEqual([]);
    expect(decode(encodeCsv(text, 'cp932'), 'cp932')).toBe(text);
  });

  it('finds characters CP932 lacks and writes 〓 for them', () => {
    const text = csvLine(['𠮷野家', 'Ⅻ', '🍣寿司', '髙', 'Ⅹ①㈱']);
    expect(unmappableInCp932(text)).toEqual(['𠮷', 'Ⅻ', '🍣']);
    expect(decode(encodeCsv(text, 'cp932'), 'cp932')).toBe(
      csvLine([`${GETA}野家`, GETA, `${GETA}寿司`, '髙', 'Ⅹ①㈱']),
    );
  });
});
