/**
 * Search-key folding for customer names, used both for the stored key and for the query, so that
 * a substring match finds 株式会社山田商事 from ﾔﾏﾀﾞｼｮｳｼﾞ, やまだしょうじ, (株)山田, ｶ)ﾔﾏﾀﾞ …
 *
 * Steps, in order:
 * 1. NFKC (half-width kana → full-width, full-width ASCII → ASCII, ㈱ → (株)), lower-case, NFKC again.
 * 2. Hiragana → katakana; small kana → large (ァィゥェォッャュョヮヵヶ → アイウエオツヤユヨワカケ);
 *    the long-vowel mark ー removed (−, ‐ and the like go in step 5 with all punctuation).
 * 3. White space removed, so 株式会社 also matches when written 株式 会社.
 * 4. Company-type words removed (repeatedly, until none is left): 株式会社 …, (株) (有) (同), their kana
 *    forms, and the bank-style kana abbreviations カ) (カ ユ) (ユ ド) (ド — only with the parenthesis,
 *    so a カ inside a name stays.
 * 5. Everything that is not a letter or a digit removed; step 4 once more (e.g. 株式・会社).
 *
 * The steps are repeated until nothing changes, so searchKey(searchKey(x)) === searchKey(x). An empty key (a query of only
 * punctuation or company words) matches everything as a substring: callers treat it as "no filter".
 */

const HIRAGANA_START = 0x3041;
const HIRAGANA_END = 0x3096;
const HIRAGANA_ITERATION_START = 0x309d; // ゝ ゞ
const HIRAGANA_ITERATION_END = 0x309e;
const KATAKANA_OFFSET = 0x60;

const SMALL_TO_LARGE: Readonly<Record<string, string>> = {
  ァ: 'ア',
  ィ: 'イ',
  ゥ: 'ウ',
  ェ: 'エ',
  ォ: 'オ',
  ッ: 'ツ',
  ャ: 'ヤ',
  ュ: 'ユ',
  ョ: 'ヨ',
  ヮ: 'ワ',
  ヵ: 'カ',
  ヶ: 'ケ',
};
const SMALL_KANA = /[ァィゥェォッャュョヮヵヶ]/g;
const LONG_VOWEL_MARK = /ー/g;
const WHITE_SPACE = /\s+/gu;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;

/** Written as people type them; folded with steps 1–2 before use. */
const COMPANY_WORDS: readonly string[] = [
  '株式会社',
  '有限会社',
  '合同会社',
  '合資会社',
  '合名会社',
  '一般社団法人',
  '医療法人',
  '社会福祉法人',
  '学校法人',
  '協同組合',
  '(株)',
  '(有)',
  '(同)',
  'カブシキガイシャ',
  'カブシキカイシャ',
  'ユウゲンガイシャ',
  'ユウゲンカイシャ',
  'ゴウドウガイシャ',
  'ゴウドウカイシャ',
  'カ)',
  '(カ',
  'ユ)',
  '(ユ',
  'ド)',
  '(ド',
];

function hiraganaToKatakana(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const isHiragana =
      (code >= HIRAGANA_START && code <= HIRAGANA_END) ||
      (code >= HIRAGANA_ITERATION_START && code <= HIRAGANA_ITERATION_END);
    out += isHiragana ? String.fromCodePoint(code + KATAKANA_OFFSET) : ch;
  }
  return out;
}

/** Steps 1–2. */
function foldCharacters(text: string): string {
  const nfkc = text.normalize('NFKC').toLowerCase().normalize('NFKC');
  return hiraganaToKatakana(nfkc)
    .replace(SMALL_KANA, (ch) => SMALL_TO_LARGE[ch] ?? ch)
    .replace(LONG_VOWEL_MARK, '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const COMPANY_WORD_PATTERN = new RegExp(
  [...new Set(COMPANY_WORDS.map(foldCharacters))]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|'),
  'g',
);

function removeCompanyWords(text: string): string {
  let current = text;
  for (;;) {
    const next = current.replace(COMPANY_WORD_PATTERN, '');
    if (next === current) {
      return current;
    }
    current = next;
  }
}

function foldOnce(text: string): string {
  const words = removeCompanyWords(
    foldCharacters(text).replace(WHITE_SPACE, ''),
  );
  return removeCompanyWords(words.replace(NOT_LETTER_OR_DIGIT, ''));
}

/** Folds a company name, kana or search query into the normalized search key. */
export function searchKey(text: string): string {
  if (typeof text !== 'string') {
    throw new TypeError(`searchKey needs a string, got ${typeof text}`);
  }
  // Removing characters can let NFKC compose what they separated (e.g. Hangul jamo around a
  // middle dot): fold again until nothing changes, which is almost always after one pass.
  let key = foldOnce(text);
  for (let pass = 0; pass < 4; pass++) {
    const next = foldOnce(key);
    if (next === key) {
      break;
    }
    key = next;
  }
  return key;
}

/**
 * The stored key of a customer: `searchKey(companyName) + '|' + searchKey(companyKana)`. A folded
 * query never contains `|`, so a substring match finds either part and never spans both.
 */
export function searchKeyForCustomer(
  companyName: string,
  companyKana: string,
): string {
  return `${searchKey(companyName)}|${searchKey(companyKana)}`;
}
