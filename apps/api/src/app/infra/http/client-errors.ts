import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { HttpException } from '@nestjs/common';
import type { ErrorCode } from '@certdesk/contracts';
import express, { NextFunction, Request, Response } from 'express';
import { AppError } from './app-error';

/** The JSON body limit of both listeners (body-parser's, set explicitly in configure-app). */
export const JSON_BODY_LIMIT = '100kb';

/**
 * Errors raised before Nest sees the request — by body-parser (malformed JSON, too large, a charset
 * or Content-Encoding it cannot read) and by the router (a path parameter whose %-encoding is not
 * UTF-8) — carry their HTTP status (`http-errors`). Those in 4xx are the caller's fault: answered
 * with that status and a Japanese reason, never as a 500.
 */
const MESSAGES: Record<string, string> = {
  'entity.parse.failed':
    'リクエストの本文を JSON として読み取れません。正しい JSON を送信してください',
  'entity.too.large': `リクエストの本文が大きすぎます（${JSON_BODY_LIMIT.replace('kb', 'KB')}以内にしてください）`,
  'parameters.too.many':
    'リクエストの項目が多すぎます。項目を減らして送信してください',
  'charset.unsupported':
    'リクエストの文字コード（charset）には対応していません。UTF-8 で送信してください',
  'encoding.unsupported':
    'リクエストの圧縮形式（Content-Encoding）には対応していません。圧縮せずに送信してください',
  'request.aborted': 'リクエストの受信が途中で中断されました',
  'request.size.invalid':
    'リクエストの長さ（Content-Length）が本文と一致しません',
  'querystring.parse.rangeError':
    'リクエストの項目が多すぎます。項目を減らして送信してください',
};
const BAD_PERCENT_ENCODING =
  'URL に読み取れない文字が含まれています（%エンコードが UTF-8 として正しくありません）';

export interface ClientError {
  status: number;
  message: string;
}

/** A 4xx error raised before Nest (see above) with its Japanese reason, else null. */
export function clientErrorOf(
  exception: unknown,
  fallback = 'リクエストの内容に誤りがあります',
): ClientError | null {
  if (typeof exception !== 'object' || exception === null) return null;
  const e = exception as {
    status?: unknown;
    statusCode?: unknown;
    type?: unknown;
  };
  const status = typeof e.status === 'number' ? e.status : e.statusCode;
  if (typeof status !== 'number' || status < 400 || status > 499) return null;
  const known = typeof e.type === 'string' ? MESSAGES[e.type] : undefined;
  if (known) return { status, message: known };
  if (exception instanceof URIError)
    return { status: 400, message: BAD_PERCENT_ENCODING };
  return { status, message: fallback };
}

/**
 * Nest turns a router URIError into `BadRequestException('Failed to decode param …')` before the
 * filter sees it: its Japanese reason, else null.
 */
export function mappedClientErrorOf(exception: HttpException): string | null {
  const response = exception.getResponse() as { message?: unknown } | string;
  const message = typeof response === 'string' ? response : response?.message;
  return exception.getStatus() === 400 &&
    typeof message === 'string' &&
    message.startsWith('Failed to decode param')
    ? BAD_PERCENT_ENCODING
    : null;
}

/** The code of a body-parser refusal, by its status (400, 413, 415). */
const BODY_CODES: Partial<Record<number, ErrorCode>> = {
  413: 'payload_too_large',
  415: 'unsupported_encoding',
};

/**
 * A body parser's error as the refusal to pass on: the caller's fault (see above) as an
 * {@link AppError} with its Japanese reason (`fallback` when it has none), else the error itself.
 */
export function bodyParserRefusal(error: unknown, fallback: string): unknown {
  const client = clientErrorOf(error, fallback);
  return client
    ? new AppError(
        BODY_CODES[client.status] ?? 'malformed_request',
        client.message,
      )
    : error;
}

/**
 * express.json with {@link JSON_BODY_LIMIT}, its errors turned into refusals with their Japanese
 * reason (Nest would map a JSON SyntaxError to an English 400). Named `jsonParser` so that Nest
 * does not add its own.
 */
export function jsonBodyParser(): express.RequestHandler {
  const parse = express.json({ limit: JSON_BODY_LIMIT });
  return function jsonParser(req: Request, res: Response, next: NextFunction) {
    parse(req, res, (error?: unknown) => {
      if (error === undefined) return next();
      next(
        bodyParserRefusal(
          error,
          'リクエストの本文を読み取れません（圧縮や文字コードを確認してください）',
        ),
      );
    });
  };
}

const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'Request Header Fields Too Large',
    'リクエストのURLまたはヘッダーが長すぎます。短くして送信してください',
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [
    408,
    'Request Timeout',
    'リクエストの受信が時間内に終わりませんでした。もう一度送信してください',
  ],
};

/**
 * What Node's HTTP parser refuses before Express sees it (a URL or headers over 16 KB, a malformed
 * request line): answered as JSON with a Japanese reason like every other refusal, instead of
 * Node's bare status line. For both listeners' servers.
 */
export function answerMalformedRequests(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, text, message] = CLIENT_ERRORS[error.code ?? ''] ?? [
      400,
      'Bad Request',
      'リクエストの形式が正しくありません',
    ];
    const body = JSON.stringify({ statusCode: status, error: text, message });
    socket.end(
      `HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
