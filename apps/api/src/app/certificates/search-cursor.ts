import { AppError } from '../infra/http/app-error';

/** Opaque keyset cursor: the last row's sort key and id. */
export interface SearchCursor {
  k: string;
  id: string;
}

export function encodeCursor(cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

export function decodeCursor(raw: string): SearchCursor {
  try {
    const value = JSON.parse(
      Buffer.from(raw, 'base64url').toString('utf8'),
    ) as Partial<SearchCursor>;
    if (typeof value.k === 'string' && typeof value.id === 'string')
      return { k: value.k, id: value.id };
  } catch {
    // fall through
  }
  throw AppError.onField(
    'invalid_input',
    'cursor',
    'cursor が正しくありません。検索をやり直してください',
    '入力内容に誤りがあります（cursor）',
  );
}
