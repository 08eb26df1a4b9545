/** Word lists for realistic Japanese company and person names, each with its reading. */
export const NAME_HEADS: readonly [string, string][] = [
  ['山田', 'ヤマダ'],
  ['鈴木', 'スズキ'],
  ['田中', 'タナカ'],
  ['佐藤', 'サトウ'],
  ['高橋', 'タカハシ'],
  ['渡辺', 'ワタナベ'],
  ['伊藤', 'イトウ'],
  ['中村', 'ナカムラ'],
  ['小林', 'コバヤシ'],
  ['加藤', 'カトウ'],
  ['吉田', 'ヨシダ'],
  ['松本', 'マツモト'],
  ['東海', 'トウカイ'],
  ['北陸', 'ホクリク'],
  ['富士', 'フジ'],
  ['大和', 'ヤマト'],
  ['三河', 'ミカワ'],
  ['浜松', 'ハママツ'],
  ['湘南', 'ショウナン'],
  ['信州', 'シンシュウ'],
  ['瀬戸', 'セト'],
  ['若葉', 'ワカバ'],
  ['旭', 'アサヒ'],
  ['桜井', 'サクライ'],
  ['丸一', 'マルイチ'],
  ['双葉', 'フタバ'],
  ['日進', 'ニッシン'],
  ['光陽', 'コウヨウ'],
  ['共栄', 'キョウエイ'],
  ['協和', 'キョウワ'],
  ['髙島', 'タカシマ'],
  ['山﨑', 'ヤマサキ'],
  ['青葉', 'アオバ'],
  ['港南', 'コウナン'],
  ['昭和', 'ショウワ'],
  ['平和', 'ヘイワ'],
];

export const NAME_TRADES: readonly [string, string][] = [
  ['商事', 'ショウジ'],
  ['工業', 'コウギョウ'],
  ['建設', 'ケンセツ'],
  ['製作所', 'セイサクショ'],
  ['運輸', 'ウンユ'],
  ['食品', 'ショクヒン'],
  ['電機', 'デンキ'],
  ['不動産', 'フドウサン'],
  ['印刷', 'インサツ'],
  ['物産', 'ブッサン'],
  ['産業', 'サンギョウ'],
  ['精機', 'セイキ'],
  ['化学', 'カガク'],
  ['水産', 'スイサン'],
  ['設計事務所', 'セッケイジムショ'],
  ['塗装', 'トソウ'],
  ['鋼材', 'コウザイ'],
  ['紙工', 'シコウ'],
  ['木材', 'モクザイ'],
  ['自動車', 'ジドウシャ'],
  ['ホールディングス', 'ホールディングス'],
  ['システム', 'システム'],
  ['サービス', 'サービス'],
  ['ファーム', 'ファーム'],
];

/** Legal form, where it stands (before or after the name) and the bank-style kana abbreviation. */
export const LEGAL_FORMS: readonly {
  name: string;
  before: boolean;
  kana: string;
  weight: number;
}[] = [
  { name: '株式会社', before: true, kana: 'カ)', weight: 45 },
  { name: '株式会社', before: false, kana: '(カ', weight: 25 },
  { name: '有限会社', before: true, kana: 'ユ)', weight: 18 },
  { name: '有限会社', before: false, kana: '(ユ', weight: 6 },
  { name: '合同会社', before: true, kana: 'ド)', weight: 6 },
];

export const SURNAMES: readonly [string, string][] = NAME_HEADS.slice(0, 12);
export const GIVEN_NAMES: readonly [string, string][] = [
  ['太郎', 'タロウ'],
  ['花子', 'ハナコ'],
  ['一郎', 'イチロウ'],
  ['美咲', 'ミサキ'],
  ['健太', 'ケンタ'],
  ['陽子', 'ヨウコ'],
  ['翔', 'ショウ'],
  ['由美', 'ユミ'],
  ['誠', 'マコト'],
  ['恵', 'メグミ'],
  ['大輔', 'ダイスケ'],
  ['直子', 'ナオコ'],
];

export const BRANCH_NAMES: readonly string[] = [
  '本店営業部',
  '駅前支店',
  '中央支店',
  '北支店',
  '南支店',
  '東支店',
  '西支店',
  '港支店',
  '緑町支店',
  '栄町支店',
];

export const CREDIT_UNION_NAMES: readonly string[] = [
  'さくら信用金庫',
  'あおば信用金庫',
  'みなと信用金庫',
  'ひかり信用金庫',
  'やまなみ信用金庫',
  'はまかぜ信用金庫',
];

const FULL =
  'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンァィゥェォッャュョー';
const HALF = 'ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｧｨｩｪｫｯｬｭｮｰ';
const VOICED = 'ガギグゲゴザジズゼゾダヂヅデドバビブベボ';
const SEMI = 'パピプペポ';

/** Full-width katakana → half-width, as legacy core-banking systems store it (ガ → ｶﾞ). */
export function toHalfWidthKana(text: string): string {
  let out = '';
  for (const ch of text) {
    const plain = FULL.indexOf(ch);
    if (plain >= 0) out += HALF[plain];
    else if (VOICED.includes(ch))
      out +=
        HALF[FULL.indexOf(String.fromCharCode(ch.charCodeAt(0) - 1))] + 'ﾞ';
    else if (SEMI.includes(ch))
      out +=
        HALF[FULL.indexOf(String.fromCharCode(ch.charCodeAt(0) - 2))] + 'ﾟ';
    else out += ch;
  }
  return out;
}
