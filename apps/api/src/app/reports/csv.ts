import { encode } from 'iconv-lite';
import type { CsvEncoding } from '@certdesk/contracts';

/** U+FEFF: lets Excel open UTF-8 CSV as UTF-8. */
export const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** 〓 (geta): the customary stand-in for a character the target code page lacks. */
export const GETA = '〓';

/**
 * One CSV field (RFC 4180). A value that a spreadsheet would run as a formula (= + - @ tab CR)
 * is prefixed with an apostrophe, so an exported company name can never execute in Excel.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(
  values: readonly (string | number | null | undefined)[],
): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/**
 * Whether CP932 holds each code point seen so far. An export asks about the same few thousand characters
 * hundreds of thousands of times: encoding each one anew allocated a Buffer per character, and memory grew
 * with the export. Bounded: forgotten when it holds more than {@link CP932_MEMO_LIMIT} code points.
 */
const cp932Holds = new Map<number, boolean>();
const CP932_MEMO_LIMIT = 50_000;

function holdsInCp932(point: number): boolean {
  let holds = cp932Holds.get(point);
  if (holds === undefined) {
    const bytes = encode(String.fromCodePoint(point), 'cp932');
    // iconv-lite writes '?' (0x3f) for a character it cannot map.
    holds = !(bytes.length === 1 && bytes[0] === 0x3f);
    if (cp932Holds.size >= CP932_MEMO_LIMIT) cp932Holds.clear();
    cp932Holds.set(point, holds);
  }
  return holds;
}

/**
 * Characters of `text` that CP932 cannot hold, each once, in order of appearance, added to `found`.
 * Walks code units (no string per character): a scan of a large export allocates next to nothing.
 */
export function unmappableInCp932(
  text: string,
  found: string[] = [],
): string[] {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) < 0x80) continue;
    const point = text.codePointAt(i) as number;
    if (point > 0xffff) i++;
    if (holdsInCp932(point)) continue;
    const ch = String.fromCodePoint(point);
    if (!found.includes(ch)) found.push(ch);
  }
  return found;
}

/** Encodes one chunk of CSV text; CP932 gets 〓 for what it cannot hold (callers report those first). */
export function encodeCsv(text: string, encoding: CsvEncoding): Buffer {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
  const unmappable = unmappableInCp932(text);
  let safe = text;
  for (const ch of unmappable) safe = safe.split(ch).join(GETA);
  return encode(safe, 'cp932');
}
