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
import { AppError, RetryLaterError } from './app-error';
import { clientErrorOf, mappedClientErrorOf } from './client-errors';

/** What the framework's own refusals say (an unknown route, a pipe, passport), by status. */
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

/**
 * Every error leaves as `ApiError` (Japanese message, request id); internals are logged, never
 * sent. A deliberate refusal ({@link AppError}) carries its status, code, message and `details`;
 * the framework's own refusals get the message of their status; anything else is a logged 500.
 */
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
    const { status, message } = this.answer(exception, req);
    const body: ApiError = {
      statusCode: status,
      error: HttpStatus[status] ?? 'Error',
      message,
      requestId: req.id,
    };
    if (exception instanceof AppError) {
      if (exception.details) body.details = exception.details;
      body.code = exception.code;
    }
    if (exception instanceof RetryLaterError && !res.headersSent)
      res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    if (!res.headersSent) res.status(status).json(body);
  }

  private answer(
    exception: unknown,
    req: Request & { id?: string },
  ): { status: number; message: string } {
    if (exception instanceof AppError)
      return { status: exception.getStatus(), message: exception.message };
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return {
        status,
        message: mappedClientErrorOf(exception) ?? defaultMessage(status),
      };
    }
    // Not an HttpException but the request's own fault (a path parameter that is not UTF-8):
    // its 4xx with a Japanese reason, and nothing to log as an error.
    const client = clientErrorOf(exception);
    if (client) return client;
    this.logger.error({
      requestId: req.id,
      path: req.path,
      error: String(exception),
      stack: (exception as Error)?.stack,
    });
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      message: defaultMessage(HttpStatus.INTERNAL_SERVER_ERROR),
    };
  }
}

function defaultMessage(status: number): string {
  return DEFAULT_MESSAGES[status] ?? 'エラーが発生しました';
}
