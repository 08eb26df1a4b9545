import type { Request } from 'express';

/**
 * Parses a `Cookie` request header (RFC 6265 `name=value; name2=value2`) without a dependency.
 * The first occurrence of a name wins (the browser sends the most specific path first).
 * Values that fail to percent-decode are kept as sent.
 */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || cookies.has(name)) continue;
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"'))
      value = value.slice(1, -1);
    cookies.set(name, safeDecode(value));
  }
  return cookies;
}

/** One cookie of the request, parsed once per request and cached on it. */
export function requestCookie(req: Request, name: string): string | undefined {
  const r = req as Request & { parsedCookies?: Map<string, string> };
  r.parsedCookies ??= parseCookies(req.headers.cookie);
  return r.parsedCookies.get(name);
}

function safeDecode(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
