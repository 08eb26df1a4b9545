import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const SAFE_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * The request's id: a caller's `X-Request-Id` if well-formed, else a new UUID; echoed in the
 * response. Idempotent: the access logger (which runs first) and this middleware agree on one id.
 */
export function assignRequestId(
  req: Request & { id?: string },
  res: Response,
): string {
  if (typeof req.id === 'string' && req.id) return req.id;
  const incoming = req.header('x-request-id');
  req.id = incoming && SAFE_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', req.id);
  return req.id;
}

/** Gives each request its id (see {@link assignRequestId}). */
export function requestId(
  req: Request & { id?: string },
  res: Response,
  next: NextFunction,
): void {
  assignRequestId(req, res);
  next();
}
