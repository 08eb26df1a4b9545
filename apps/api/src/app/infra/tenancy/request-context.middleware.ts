import type { NextFunction, Request, Response } from 'express';
import { requestContext } from './request-context';

/**
 * Opens the per-request context around the rest of the request (after `requestId`). The session
 * guard fills in the principal; tenant-scoped data access reads it from here.
 */
export function requestContextMiddleware(
  req: Request & { id?: string },
  _res: Response,
  next: NextFunction,
): void {
  requestContext.run(
    { requestId: req.id ?? '', ip: req.ip ?? null, principal: undefined },
    next,
  );
}
