import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import type { Request, Response } from 'express';
import { LoggerModule } from 'nestjs-pino';
import type { Options } from 'pino-http';
import { prettyFactory } from 'pino-pretty';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/app-config.module';
import { assignRequestId } from '../http/request-id.middleware';
import { routePattern } from '../../metrics/http-metrics.middleware';
import { logIdentityOf } from './log-identity';

/**
 * The access line of a finished request (its `requestId` comes from the request's logger): never
 * the URL or query (search text is personal data), only the route pattern that answered.
 */
export function accessLine(
  req: Request,
  res: Response,
  durationMs: number,
): Record<string, unknown> {
  const who = logIdentityOf(req);
  return {
    method: req.method,
    route: routePattern(req),
    status: res.statusCode,
    durationMs,
    ...(who.staffId ? { staffId: who.staffId } : {}),
    ...(who.ibUserId ? { ibUserId: who.ibUserId } : {}),
  };
}

/** pino-http options: one line per request, and `requestId` on every line logged while serving it. */
export function accessLogOptions(config: AppConfig): Options {
  const line = (req: IncomingMessage, res: ServerResponse, value: object) =>
    accessLine(
      req as Request,
      res as Response,
      (value as { responseTime: number }).responseTime,
    );
  return {
    level: config.ops.logLevel,
    genReqId: (req, res) =>
      assignRequestId(
        req as unknown as Request & { id?: string },
        res as Response,
      ),
    customAttributeKeys: { reqId: 'requestId' },
    // Lines logged during the request carry only the request id; the access line is ours alone.
    quietReqLogger: true,
    quietResLogger: true,
    customSuccessObject: line,
    customErrorObject: (req, res, error, value) => ({
      ...line(req, res, value),
      error: error instanceof Error ? error.name : 'Error',
    }),
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : 'info',
    // Whatever else is logged: no request or response dumps (headers hold cookies).
    serializers: { req: () => undefined, res: () => undefined },
  };
}

/**
 * Where the lines go: process.stdout (ordered with anything else written there), through a plain
 * `{ write }` object — neither pino nor a pipe then adds listeners to process.stdout per application.
 */
function stdoutDestination(json: boolean): { write(line: string): void } {
  if (json) return { write: (line) => void process.stdout.write(line) };
  const format = prettyFactory({
    singleLine: true,
    colorize: process.stdout.isTTY === true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,context',
    messageFormat: '{if context}[{context}] {end}{msg}',
  });
  return { write: (line) => void process.stdout.write(format(line)) };
}

/**
 * Logs as JSON lines through pino (`LOG_FORMAT=json`, the default), or one readable line each
 * (`LOG_FORMAT=text`, pino-pretty's formatter, synchronous: no worker thread).
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const options = accessLogOptions(config);
        return {
          pinoHttp: [options, stdoutDestination(config.logJson)],
          forRoutes: ['*path'],
        };
      },
    }),
  ],
})
export class LoggingModule {}
