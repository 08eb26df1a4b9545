import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { NextFunction, Request, Response } from 'express';
import { AppConfig } from '../config/config';
import { answerMalformedRequests, jsonBodyParser } from './client-errors';
import { securityHeaders } from './security-headers';

const API_PREFIX = 'api';
const API_OR_IB_PATH = /^\/(api|ib)(\/|$)/;

/** Everything main.ts and the e2e tests both need: prefix, OpenAPI, the console's static files. */
export function configureApp(app: INestApplication, config: AppConfig): void {
  app.setGlobalPrefix(API_PREFIX, { exclude: ['ib/{*path}'] });
  const http = app.getHttpAdapter().getInstance() as express.Express;
  http.disable('x-powered-by');
  http.use(securityHeaders);
  // TRUST_PROXY: who may name the staff client in X-Forwarded-For (the IB listener uses the socket's peer).
  http.set('trust proxy', config.trustProxy);
  // Both listeners (the IB channel shares this app): JSON up to the limit; a body-parser error
  // (too large, malformed, unknown charset or encoding) is a 4xx with a Japanese reason.
  http.use(jsonBodyParser());
  answerMalformedRequests(app.getHttpServer() as Server);

  // The OpenAPI page: in demo mode, in production only with API_DOCS=on.
  if (config.apiDocs) {
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('電子証明書管理コンソール API')
        .setDescription('Staff API (/api) of the certificate back office.')
        .setVersion('1')
        .build(),
    );
    SwaggerModule.setup(`${API_PREFIX}/docs`, app, document);
  }

  const consoleDir = config.consoleDir;
  if (consoleDir && existsSync(join(consoleDir, 'index.html'))) {
    // The console's files are looked up on disk for its own paths only: an API request is not
    // delayed by a stat() of a file that cannot exist (figures in docs/search-benchmark-rounds.md).
    const files = express.static(consoleDir, { index: false, maxAge: '1h' });
    http.use((req: Request, res: Response, next: NextFunction) =>
      API_OR_IB_PATH.test(req.path) ? next() : files(req, res, next),
    );
    // Client-side routes (/dashboard, /certificates …) get the app shell.
    http.use((req: Request, res: Response, next: NextFunction) => {
      const isAppRoute =
        req.method === 'GET' &&
        !API_OR_IB_PATH.test(req.path) &&
        req.accepts('html');
      if (!isAppRoute) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(join(consoleDir, 'index.html'));
    });
  }
}
