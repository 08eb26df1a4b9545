import type { NextFunction, Request, Response } from 'express';

/**
 * Strict policy for the console and the API. Angular Material injects inline styles at runtime,
 * hence `style-src 'unsafe-inline'`; scripts stay strict.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** Swagger UI (`/api/docs`) needs inline scripts; relaxed there only. */
export const DOCS_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
  "script-src 'self'",
  "script-src 'self' 'unsafe-inline'",
);

const COMMON_HEADERS: Record<string, string> = {
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

const DOCS_PATH = /^\/api\/docs(?:[-/.]|$)/;
/** The staff API and the IB channel's API. */
const API_PATH = /^\/(?:api|ib)(?:\/|$)/;

/** Express middleware, installed before everything else so that every response carries these headers. */
export function securityHeaders(
  req: Request,
  res: Response,
  next: NextFunction,
): void {
  for (const [name, value] of Object.entries(COMMON_HEADERS))
    res.setHeader(name, value);
  const docs = DOCS_PATH.test(req.path);
  res.setHeader(
    'Content-Security-Policy',
    docs ? DOCS_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY,
  );
  // API answers (staff and IB) hold tenant data and session state: never kept by the browser or
  // a proxy. The public CA certificates and CRLs under /ib set their own public caching.
  if (API_PATH.test(req.path) && !docs)
    res.setHeader('Cache-Control', 'no-store');
  next();
}
