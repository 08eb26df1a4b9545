import { encode } from 'iconv-lite';
import { decodeImportFile } from './encoding';

describe('decodeImportFile', () => {
  const text = 'company_name,kana\n株式会社髙橋製作所,ｶ)ﾀｶﾊｼ\n';

  it('reads UTF-8 with a BOM and drops the BOM', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(text, 'utf8'),
    ]);
    expect(decodeImportFile(bytes)).toEqual({
      ok: true,
      encoding: 'utf-8-bom',
      text,
    });
  });

  it('reads valid UTF-8 without a BOM (ASCII too) as UTF-8', () => {
    expect(decodeImportFile(Buffer.from(text, 'utf8'))).toEqual({
      ok: true,
      encoding: 'utf-8',
      text,
    });
    expect(decodeImportFile(Buffer.from('a,b\n', 'utf8'))).toEqual({
      ok: true,
      encoding: 'utf-8',
      text: 'a,b\n',
    });
  });

  it('reads what is not UTF-8 as CP932, with its extensions (髙) and half-width kana', () => {
    const bytes = encode(text, 'cp932');
    expect(bytes.includes(Buffer.from([0xfb, 0xfc]))).toBe(true); // 髙 is an IBM extension of CP932
    expect(decodeImportFile(bytes)).toEqual({
      ok: true,
      encoding: 'cp932',
      text,
    });
  });

  it('refuses bytes that are neither UTF-8 nor CP932', () => {
    expect(decodeImportFile(Buffer.from([0x61, 0x2c, 0x81]))).toMatchObject({
      ok: false,
      message: expect.stringContaining('文字コード'),
    });
  });

  it('refuses broken UTF-8 after a BOM, and UTF-16', () => {
    expect(
      decodeImportFile(Buffer.from([0xef, 0xbb, 0xbf, 0xe3, 0x81])),
    ).toMatchObject({ ok: false, encoding: 'utf-8-bom' });
    expect(
      decodeImportFile(encode(text, 'utf16le', { addBOM: true })),
    ).toMatchObject({ ok: false, message: expect.stringContaining('UTF-16') });
  });
});
