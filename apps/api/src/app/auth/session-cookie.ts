import type { CookieOptions, Request, Response } from 'express';
import { createHash, randomBytes } from 'node:crypto';
import { requestCookie } from '../infra/http/cookies';

/** Plain name over http (development); over https the `__Host-` prefix pins it to this host, Secure, Path=/. */
export const SESSION_COOKIE = 'certdesk_session';
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

/** 32 random bytes, base64url: what the cookie carries. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The database key of a session: SHA-256 (hex) of its token. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function cookieName(req: Request): string {
  return req.secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

function cookieOptions(req: Request): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', path: '/', secure: req.secure };
}

/** The session token the request carries, if well-formed. */
export function readSessionToken(req: Request): string | undefined {
  const token = requestCookie(req, cookieName(req));
  return token !== undefined && TOKEN_FORMAT.test(token) ? token : undefined;
}

/** A browser-session cookie: it also dies with the browser; the server enforces idle and absolute limits. */
export function writeSessionCookie(
  req: Request,
  res: Response,
  token: string,
): void {
  res.cookie(cookieName(req), token, cookieOptions(req));
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(cookieName(req), cookieOptions(req));
}
