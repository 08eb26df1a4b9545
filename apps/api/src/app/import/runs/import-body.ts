import { BadRequestException, HttpException } from '@nestjs/common';
import express, { NextFunction, Request, Response } from 'express';
import { clientErrorOf } from '../../infra/http/client-errors';
import { MAX_IMPORT_BYTES } from './import-check';

const FILE_TYPES = ['text/csv', 'text/plain', 'application/octet-stream'];

/** The upload's body as bytes (CSV as is, no charset conversion), up to {@link MAX_IMPORT_BYTES}. */
export function importBodyParser(): express.RequestHandler {
  const parse = express.raw({ type: FILE_TYPES, limit: MAX_IMPORT_BYTES });
  return function importBody(req: Request, res: Response, next: NextFunction) {
    parse(req, res, (error?: unknown) => {
      if (error === undefined) return next();
      const client = clientErrorOf(
        error,
        'ファイルを読み取れません。もう一度アップロードしてください',
      );
      if (client?.status === 413)
        return next(
          new HttpException(
            {
              message: `ファイルが大きすぎます（${MAX_IMPORT_BYTES / 1024 / 1024} MB まで）。分けて取り込んでください`,
            },
            413,
          ),
        );
      next(
        client
          ? client.status === 400
            ? new BadRequestException({ message: client.message })
            : new HttpException({ message: client.message }, client.status)
          : error,
      );
    });
  };
}
