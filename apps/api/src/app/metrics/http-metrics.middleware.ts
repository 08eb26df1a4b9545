import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Metrics } from './metrics';

/**
 * The route pattern that answered (`/api/customers/:id`), never the raw path or query (search text
 * is personal data); requests no route matched (static files, 404s) share one label.
 */
export function routePattern(req: Request): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  return typeof route?.path === 'string'
    ? `${req.baseUrl}${route.path}`
    : '(unmatched)';
}

/** Times every request into `certdesk_http_request_duration_seconds` by method, route pattern and status. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: Metrics) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const start = process.hrtime.bigint();
    res.once('finish', () => {
      this.metrics.httpDuration.observe(
        {
          method: req.method,
          route: routePattern(req),
          status: String(res.statusCode),
        },
        Number(process.hrtime.bigint() - start) / 1e9,
      );
    });
    next();
  }
}
