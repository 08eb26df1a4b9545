import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { ApiError } from '@certdesk/contracts';
import { AppError } from './app-error';
import { clientErrorOf, mappedClientErrorOf } from './client-errors';
import { RetryLaterException } from './retry-later';

const DEFAULT_MESSAGES: Record<number, string> = {
  400: 'リクエストの内容に誤りがあります',
  401: 'ログインが必要です',
  403: 'この操作を行う権限がありません',
  404: '指定されたデータは見つかりません',
  409: '他の操作と競合したため処理できませんでした。画面を更新してやり直してください',
  413: 'リクエストが大きすぎます',
  415: 'リクエストの形式（Content-Type）が正しくありません',
  429: '試行回数が多すぎます。しばらく待ってからやり直してください',
  500: 'システムエラーが発生しました。時間をおいてやり直し、解決しない場合はシステム管理者に連絡してください',
};

/** Every error leaves as `ApiError` (Japanese message, request id); internals are logged, never sent. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request & { id?: string }>();
    const res = ctx.getResponse<Response>();
    // Body-parser errors come before the request-id middleware: give them an id too.
    if (!req.id && !res.headersSent) {
      req.id = randomUUID();
      res.setHeader('X-Request-Id', req.id);
    }
    // Not an HttpException but the request's own fault (malformed JSON, too large, bad encoding):
    // its 4xx with a Japanese reason, and nothing to log as an error.
    const client =
      exception instanceof HttpException ? null : clientErrorOf(exception);
    // A domain refusal (AppError) has the status of its code (app-error.ts ERROR_STATUS).
    const status =
      exception instanceof HttpException
        ? exception.getStatus()
        : (client?.status ?? HttpStatus.INTERNAL_SERVER_ERROR);
    const body: ApiError = {
      statusCode: status,
      error: HttpStatus[status] ?? 'Error',
      message:
        client?.message ?? DEFAULT_MESSAGES[status] ?? 'エラーが発生しました',
      requestId: req.id,
    };
    if (exception instanceof AppError) {
      // A domain refusal: its code decides the status, its message is for the user.
      body.message = exception.message;
      body.code = exception.code;
    } else if (exception instanceof HttpException) {
      const payload = exception.getResponse();
      if (typeof payload === 'object' && payload !== null) {
        const p = payload as {
          message?: unknown;
          details?: ApiError['details'];
          code?: unknown;
        };
        if (typeof p.message === 'string' && /[^\x20-\x7e]/.test(p.message))
          body.message = p.message;
        else body.message = mappedClientErrorOf(exception) ?? body.message;
        if (p.details) body.details = p.details;
        if (typeof p.code === 'string') body.code = p.code as ApiError['code'];
      } else if (typeof payload === 'string' && /[^\x20-\x7e]/.test(payload)) {
        body.message = payload;
      }
    } else if (!client) {
      this.logger.error({
        requestId: req.id,
        path: req.path,
        error: String(exception),
        stack: (exception as Error)?.stack,
      });
    }
    if (exception instanceof RetryLaterException && !res.headersSent)
      res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    if (!res.headersSent) res.status(status).json(body);
  }
}
