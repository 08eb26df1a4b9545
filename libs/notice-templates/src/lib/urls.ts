/**
 * Link detection for e-mail templates (docs/domain.md: e-mails carry no links). Refused: anything with a
 * scheme (`http://`, `https://`, `ftp://` …), `www.`, IPv4 addresses and domain-looking strings
 * (`example.co.jp`, `help@bank.jp`, `さくら信金.jp`). Full-width forms are folded first (NFKC), so
 * `ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ` is caught as well.
 */

const COMMON_TLDS =
  'com|net|org|info|biz|xyz|top|site|online|shop|club|app|dev|link|click|bank|tokyo|osaka|asia|mobi|name|pro|store|tech|cloud|live|life|work|email';
const PATTERNS: readonly RegExp[] = [
  /[a-z][a-z0-9+.-]{0,30}:\/\/\S*/giu,
  /\bwww\.\S*/giu,
  /\b\d{1,3}(?:\.\d{1,3}){3}\b/gu,
  // ASCII labels: any two-letter (country) TLD or a common generic one. A match starts only where a
  // run of labels starts (not after a label character, nor after "label."), so a long `x.x.x…` that
  // is no domain is tried once, not once per position: linear, not quadratic.
  new RegExp(
    `(?<![a-z0-9-]|[a-z0-9-]\\.)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:[a-z]{2}|${COMMON_TLDS})(?![a-z0-9-])`,
    'giu',
  ),
  // Japanese (IDN) labels before a well-known TLD: さくら信金.jp, 例え.日本
  new RegExp(
    `[\\p{L}\\p{N}-]{1,63}\\.(?:jp|日本|${COMMON_TLDS})(?![a-z0-9-])`,
    'giu',
  ),
];

/** The link-like pieces of `text`, in order of appearance, without duplicates. Linear time (bounded labels). */
export function findLinks(text: string): string[] {
  const folded = text.normalize('NFKC');
  const found: { at: number; text: string }[] = [];
  for (const pattern of PATTERNS) {
    for (const match of folded.matchAll(pattern)) {
      found.push({ at: match.index ?? 0, text: match[0] });
    }
  }
  // Longest first at each position; a piece inside one already kept (`co.jp` of `bank.co.jp`) is dropped.
  found.sort((a, b) => a.at - b.at || b.text.length - a.text.length);
  const kept: string[] = [];
  let end = -1;
  for (const f of found) {
    if (f.at + f.text.length <= end) continue;
    kept.push(f.text);
    end = Math.max(end, f.at + f.text.length);
  }
  return [...new Set(kept)];
}

/** Template text without its Liquid tags (`{{ … }}`, `{% … %}`), so `{{ a.b }}` is not a domain. */
export function withoutLiquidTags(source: string): string {
  return source.replace(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g, ' ');
}
