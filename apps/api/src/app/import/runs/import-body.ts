import express, { NextFunction, Request, Response } from 'express';
import { AppError } from '../../infra/http/app-error';
import {
  bodyParserRefusal,
  clientErrorOf,
} from '../../infra/http/client-errors';
import { MAX_IMPORT_BYTES } from './import-check';

const FILE_TYPES = ['text/csv', 'text/plain', 'application/octet-stream'];

/** The upload's body as bytes (CSV as is, no charset conversion), up to {@link MAX_IMPORT_BYTES}. */
export function importBodyParser(): express.RequestHandler {
  const parse = express.raw({ type: FILE_TYPES, limit: MAX_IMPORT_BYTES });
  return function importBody(req: Request, res: Response, next: NextFunction) {
    parse(req, res, (error?: unknown) => {
      if (error === undefined) return next();
      if (clientErrorOf(error)?.status === 413)
        return next(
          new AppError(
            'payload_too_large',
            `ファイルが大きすぎます（${MAX_IMPORT_BYTES / 1024 / 1024} MB まで）。分けて取り込んでください`,
          ),
        );
      next(
        bodyParserRefusal(
          error,
          'ファイルを読み取れません。もう一度アップロードしてください',
        ),
      );
    });
  };
}
