import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

/**
 * True when the request carries `Authorization: Bearer <expected>`. Both sides are hashed first, so
 * the comparison takes the same time whatever the length or the first differing character; an
 * unset (null) expected token matches nothing.
 */
export function bearerMatches(req: Request, expected: string | null): boolean {
  if (!expected) return false;
  const header = req.header('authorization') ?? '';
  const match = /^Bearer ([^\s]+)$/i.exec(header.trim());
  const given = match ? match[1] : '';
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected)) && given !== '';
}
