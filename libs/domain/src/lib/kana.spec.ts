import fc from 'fast-check';
import { searchKey, searchKeyForCustomer } from './kana';

const YAMADA = searchKeyForCustomer('株式会社山田商事', 'カ)ヤマダショウジ');
const YAMADA_SPACED = searchKeyForCustomer(
  '株式会社 山田 商事',
  'カ) ヤマダ ショウジ',
);

const matches = (customerKey: string, query: string) => {
  const folded = searchKey(query);
  return folded.length > 0 && customerKey.includes(folded);
};

describe('searchKeyForCustomer', () => {
  it('is name key | kana key', () => {
    expect(YAMADA).toBe('山田商事|ヤマダシヨウジ');
    expect(YAMADA_SPACED).toBe(YAMADA);
  });
});

describe('searchKey finds 株式会社山田商事 (カ)ヤマダショウジ)', () => {
  it.each([
    '山田商事',
    'ﾔﾏﾀﾞｼｮｳｼﾞ',
    'やまだしょうじ',
    '(株)山田商事',
    '（株）山田商事',
    'ヤマダ',
    '㈱山田商事',
    'ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ',
    'カ)ヤマダショウジ',
    '（カ）ヤマダショウジ',
    '株式会社山田商事',
    '株式会社 山田 商事',
    '株式会社　山田　商事',
    '山田',
    '商事',
    'ヤマダショウジ',
    'ﾔﾏﾀﾞ ｼｮｳｼﾞ',
    'やまだ',
    'しょうじ',
    'ヤマダ・ショウジ',
    'カブシキガイシャヤマダショウジ',
    'かぶしきがいしゃ やまだしょうじ',
  ])('%s', (query) => {
    expect(matches(YAMADA, query)).toBe(true);
    expect(matches(YAMADA_SPACED, query)).toBe(true);
  });

  it.each([
    '鈴木商事',
    'スズキ',
    'ヤマダ商事',
    '山田工業',
    'ﾔﾏﾓﾄ',
    'ヤマダショウジテン',
    'yamada',
  ])('but not %s', (query) => {
    expect(matches(YAMADA, query)).toBe(false);
  });

  it('never matches across the name | kana boundary', () => {
    expect(searchKey('商事ヤマダ')).toBe('商事ヤマダ');
    expect(matches(YAMADA, '商事ヤマダ')).toBe(false);
    expect(matches(YAMADA, '商事|ヤマダ')).toBe(false);
  });
});

describe('searchKey steps', () => {
  it.each([
    // NFKC, lower-case
    ['ＡＢＣ　Ｔｒａｄｉｎｇ', 'abctrading'],
    ['ABC-Trading Co., Ltd.', 'abctradingcoltd'],
    ['１２３', '123'],
    ['ｶﾞｷﾞｸﾞ', 'ガギグ'],
    ['ﾊﾟﾋﾟﾌﾟ', 'パピプ'],
    // hiragana → katakana, small → large
    ['ぁぃぅぇぉっゃゅょゎゕゖ', 'アイウエオツヤユヨワカケ'],
    ['ァィゥェォッャュョヮヵヶ', 'アイウエオツヤユヨワカケ'],
    ['ｧｨｩｪｫｯｬｭｮ', 'アイウエオツヤユヨ'],
    ['きっぷ', 'キツプ'],
    ['ゔ', 'ヴ'],
    // long-vowel marks and dashes
    ['コーヒー', 'コヒ'],
    ['ｺｰﾋｰ', 'コヒ'],
    ['コ−ヒ‐', 'コヒ'],
    ['コ－ヒ', 'コヒ'],
    ['サービス', 'サビス'],
    // company-type words
    ['有限会社佐藤', '佐藤'],
    ['合同会社佐藤', '佐藤'],
    ['合資会社佐藤', '佐藤'],
    ['合名会社佐藤', '佐藤'],
    ['一般社団法人佐藤会', '佐藤会'],
    ['医療法人佐藤会', '佐藤会'],
    ['社会福祉法人佐藤会', '佐藤会'],
    ['学校法人佐藤学園', '佐藤学園'],
    ['佐藤協同組合', '佐藤'],
    ['佐藤(有)', '佐藤'],
    ['㈲佐藤', '佐藤'],
    ['(同)佐藤', '佐藤'],
    ['㍿佐藤', '佐藤'],
    ['ユウゲンガイシャサトウ', 'サトウ'],
    ['ゴウドウガイシャサトウ', 'サトウ'],
    ['ｻﾄｳ(ｶ', 'サトウ'],
    ['ﾕ)ｻﾄｳ', 'サトウ'],
    ['ｻﾄｳ(ﾕ', 'サトウ'],
    ['ﾄﾞ)ｻﾄｳ', 'サトウ'],
    ['ｻﾄｳ(ﾄﾞ', 'サトウ'],
    ['株式　会社佐藤', '佐藤'],
    ['株式・会社佐藤', '佐藤'],
    // punctuation, brackets, middle dots
    ['「佐藤・鈴木」【本店】', '佐藤鈴木本店'],
    ['', ''],
    ['（株）', ''],
  ])('%p → %p', (text, expected) => {
    expect(searchKey(text)).toBe(expected);
  });

  it('keeps a カ, ユ or ド that is part of a word', () => {
    expect(searchKey('カワカミ')).toBe('カワカミ');
    expect(searchKey('ｶﾜｶﾐ')).toBe('カワカミ');
    expect(searchKey('カ)カワカミ')).toBe('カワカミ');
    expect(searchKey('カワカミ(カ')).toBe('カワカミ');
    expect(searchKey('ユニオン')).toBe('ユニオン');
    expect(searchKey('ドリーム')).toBe('ドリム');
    expect(searchKey('カ ユ ド')).toBe('カユド');
    expect(searchKey('株式会社カ')).toBe('カ');
  });

  it('folds again when removing a character lets NFKC compose (idempotence)', () => {
    const key = searchKey('\u1100・\u1161'); // Hangul jamo ᄀ ・ ᅡ
    expect(key).toBe('\uac00'); // 가
    expect(searchKey(key)).toBe(key);
  });

  it('rejects a non-string', () => {
    expect(() => searchKey(undefined as unknown as string)).toThrow(TypeError);
  });
});

describe('searchKey properties', () => {
  const japanese = fc.string({
    unit: fc.constantFrom(
      ...'あいうぁっゃカキクァッャｶｷｸｧｯｬﾞﾟーｰ−‐-株式会社有限同(（)）カ)ユド・ 　山田商事ABCａｂｃ123１２３㈱㈲|.,「」'.split(
        '',
      ),
    ),
    maxLength: 20,
  });
  const anything = fc.oneof(
    japanese,
    fc.string({ unit: 'grapheme', maxLength: 20 }),
  );

  it('is idempotent', () => {
    fc.assert(
      fc.property(anything, (text) => {
        const key = searchKey(text);
        expect(searchKey(key)).toBe(key);
      }),
      { numRuns: 10_000 },
    );
  });

  it('contains only letters and digits, never a hiragana, small kana or ー', () => {
    fc.assert(
      fc.property(anything, (text) => {
        expect(searchKey(text)).toMatch(/^[\p{L}\p{N}]*$/u);
        expect(searchKey(text)).not.toMatch(
          /[\u3041-\u3096ァィゥェォッャュョヮヵヶー]/,
        );
      }),
      { numRuns: 10_000 },
    );
  });

  it('a folded part of a name is found in the folded whole (without company words or long-vowel marks)', () => {
    // Whole characters only: a lone half-width ﾞ would join the kana before it (ｳ + ﾞ = ヴ).
    const units = [
      ...'やまだしょうじヤマダショウジﾔﾏｼｮｳ山田商事abcＡＢＣ'.split(''),
      'ﾀﾞ',
      'ｼﾞ',
      'ﾊﾟ',
    ];
    const plain = fc.string({ unit: fc.constantFrom(...units) });
    fc.assert(
      fc.property(plain, plain, plain, (a, b, c) => {
        expect(searchKey(a + b + c)).toContain(searchKey(b));
      }),
      { numRuns: 10_000 },
    );
  });
});
