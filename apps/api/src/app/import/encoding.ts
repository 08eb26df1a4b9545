import { decode as iconvDecode } from 'iconv-lite';
import { ImportEncoding } from './import-report';

export type DecodedFile =
  | { ok: true; encoding: ImportEncoding; text: string }
  | { ok: false; encoding: ImportEncoding; message: string };

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const REPLACEMENT_CHARACTER = '\uFFFD';

function startsWith(buffer: Uint8Array, bytes: readonly number[]): boolean {
  return bytes.every((b, i) => buffer[i] === b);
}

/**
 * Reads an import file: a UTF-8 BOM means UTF-8; otherwise the bytes are taken as UTF-8 when they
 * are valid UTF-8 (an ASCII-only file included) and as CP932 (Windows Shift_JIS, what Excel saves
 * as 「CSV（コンマ区切り）」 on Japanese Windows, with 髙 and ① etc.) when they are not.
 */
export function decodeImportFile(buffer: Uint8Array): DecodedFile {
  if (startsWith(buffer, UTF8_BOM)) {
    const decoded = decodeUtf8(buffer.subarray(UTF8_BOM.length));
    return decoded === null
      ? {
          ok: false,
          encoding: 'utf-8-bom',
          message:
            'ファイルにUTF-8として読めない部分があります。UTF-8で保存し直してください',
        }
      : { ok: true, encoding: 'utf-8-bom', text: decoded };
  }
  if (startsWith(buffer, [0xff, 0xfe]) || startsWith(buffer, [0xfe, 0xff])) {
    return {
      ok: false,
      encoding: 'utf-8',
      message:
        'UTF-16のファイルは読み込めません。「CSV UTF-8」または「CSV（コンマ区切り）」で保存し直してください',
    };
  }
  const utf8 = decodeUtf8(buffer);
  if (utf8 !== null) return { ok: true, encoding: 'utf-8', text: utf8 };
  const cp932 = iconvDecode(buffer, 'cp932');
  if (cp932.includes(REPLACEMENT_CHARACTER)) {
    return {
      ok: false,
      encoding: 'cp932',
      message:
        'ファイルの文字コードを判別できません。UTF-8 または Shift_JIS（CP932）で保存し直してください',
    };
  }
  return { ok: true, encoding: 'cp932', text: cp932 };
}

/** Strict UTF-8 (a malformed byte fails); a BOM, if any, was already removed. */
function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(
      bytes,
    );
  } catch {
    return null;
  }
}
