import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { NextFunction, Request, Response } from 'express';
import { securityHeaders } from '../infra/http/security-headers';

/** Set on every request that arrived on the IB channel's mutual-TLS listener. */
const IB_CHANNEL = Symbol('certdesk.ibChannel');

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export function arrivedOnIbChannel(req: IncomingMessage): boolean {
  return (
    (req as IncomingMessage & { [IB_CHANNEL]?: true })[IB_CHANNEL] === true
  );
}

/**
 * What the mutual-TLS listener answers: `/ib/...` goes to the API (the same Nest application as
 * the staff listener, where IB guards accept only requests marked here); everything else is the
 * IB portal's static files. Staff routes (`/api`) do not exist on this listener.
 */
export function ibChannelHandler(
  api: Handler,
  portalDir: string | null,
): Handler {
  const portal = portalApp(portalDir);
  return (req, res) => {
    (req as IncomingMessage & { [IB_CHANNEL]?: true })[IB_CHANNEL] = true;
    // The listener terminates TLS itself: the client is the socket's peer, whatever X-Forwarded-For
    // says (TRUST_PROXY applies to the staff listener only). Shadows Express's req.ip getter.
    Object.defineProperty(req, 'ip', {
      value: peerAddress(req),
      enumerable: true,
    });
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/ib' || path.startsWith('/ib/')) return api(req, res);
    portal(req, res);
  };
}

/** The connection's peer address (IPv4-mapped IPv6 addresses written as IPv4). */
export function peerAddress(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? 'unknown';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

function portalApp(portalDir: string | null): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders);
  // The staff API does not exist here, not even as the portal's page shell.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!/^\/api(\/|$)/.test(req.path)) return next();
    res.status(404).json({
      statusCode: 404,
      error: 'Not Found',
      message: '指定されたページは見つかりません',
    });
  });
  if (portalDir && existsSync(join(portalDir, 'index.html'))) {
    app.use(express.static(portalDir, { index: false, maxAge: '1h' }));
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' || !req.accepts('html')) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(join(portalDir, 'index.html'));
    });
  }
  app.use((_req: Request, res: Response) => {
    res.status(404).json({
      statusCode: 404,
      error: 'Not Found',
      message: '指定されたページは見つかりません',
    });
  });
  return app;
}
