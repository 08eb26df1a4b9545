import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from './app-error';
import { requestCookie } from './cookies';

/** Double-submit token: a readable cookie the console copies into a header on every change. */
export const XSRF_COOKIE = 'XSRF-TOKEN';
export const XSRF_HEADER = 'x-xsrf-token';

const TOKEN_FORMAT = /^[A-Za-z0-9_-]{32,128}$/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Sets a fresh `XSRF-TOKEN` cookie (at log-in, and whenever the request had none). */
export function issueXsrfToken(req: Request, res: Response): string {
  const token = randomBytes(32).toString('base64url');
  res.cookie(XSRF_COOKIE, token, {
    path: '/',
    sameSite: 'strict',
    secure: req.secure,
    httpOnly: false,
  });
  return token;
}

/**
 * CSRF defence for `/api` (Nest middleware, after the request id): every response leaves with an
 * `XSRF-TOKEN` cookie, and every POST/PUT/PATCH/DELETE (log-in included) must echo it in
 * `X-XSRF-TOKEN` and, when the browser sends `Origin`, come from this very host.
 */
export function csrf(req: Request, res: Response, next: NextFunction): void {
  if (/^\/ib(\/|\?|$)/.test(req.originalUrl)) return ibChannelCsrf(req, next);
  const cookie = requestCookie(req, XSRF_COOKIE);
  const hasValidCookie = cookie !== undefined && TOKEN_FORMAT.test(cookie);
  if (!hasValidCookie) issueXsrfToken(req, res);
  if (SAFE_METHODS.has(req.method)) return next();

  if (!isSameOrigin(req.header('origin'), req.header('host')))
    throw new AppError('foreign_origin');
  const header = req.header(XSRF_HEADER);
  if (!hasValidCookie || !header || !constantTimeEqual(header, cookie))
    throw new AppError('csrf_mismatch');
  next();
}

/**
 * The IB channel authenticates with the TLS client certificate, which a browser sends by itself:
 * a write must come from this very host (when `Origin` is sent) and be JSON, which no cross-site
 * form can send and which needs a CORS preflight this server never grants. No cookie is involved.
 */
function ibChannelCsrf(req: Request, next: NextFunction): void {
  if (SAFE_METHODS.has(req.method)) return next();
  if (!isSameOrigin(req.header('origin'), req.header('host')))
    throw new AppError('foreign_origin');
  if (!req.is('application/json')) throw new AppError('json_required');
  next();
}

/** No `Origin` (same-origin GET-style navigations, non-browser clients) passes; `null` and other hosts do not. */
export function isSameOrigin(
  origin: string | undefined,
  host: string | undefined,
): boolean {
  if (origin === undefined) return true;
  if (!host) return false;
  try {
    const url = new URL(origin);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      url.host.toLowerCase() === host.toLowerCase()
    );
  } catch {
    return false;
  }
}

export function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
