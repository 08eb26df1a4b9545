import {
  ArgumentsHost,
  BadRequestException,
  ForbiddenException,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { ERROR_MESSAGES } from '@certdesk/contracts';
import { AppError, RetryLaterError } from './app-error';
import { HttpExceptionFilter } from './http-exception.filter';

/** What the filter answers for `exception`: status, headers and the JSON body. */
function answer(exception: unknown) {
  const res = {
    headersSent: false,
    headers: {} as Record<string, string>,
    statusCode: 0,
    body: undefined as unknown,
    setHeader(name: string, value: string) {
      this.headers[name] = value;
    },
    status(code: number) {
      this.statusCode = code;
      return this;
    },
    json(body: unknown) {
      this.body = body;
      return this;
    },
  };
  const req = { id: 'req-1', path: '/api/anything' };
  const host = {
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
  } as unknown as ArgumentsHost;
  new HttpExceptionFilter().catch(exception, host);
  return res;
}

describe('HttpExceptionFilter', () => {
  it('answers a refusal with its status, code, message and details', () => {
    const res = answer(
      AppError.onField('wrong_current_password', 'currentPassword'),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'BAD_REQUEST',
      message: ERROR_MESSAGES.wrong_current_password,
      details: [
        {
          field: 'currentPassword',
          reason: ERROR_MESSAGES.wrong_current_password,
        },
      ],
      code: 'wrong_current_password',
      requestId: 'req-1',
    });
  });

  it('asks a refusal to come back later with Retry-After', () => {
    const res = answer(new RetryLaterError('too_many_attempts', 120));
    expect([res.statusCode, res.headers['Retry-After']]).toEqual([429, '120']);
  });

  it('gives the framework’s own refusals the message of their status, whatever their text', () => {
    for (const [exception, status, message] of [
      [new NotFoundException(), 404, '指定されたデータは見つかりません'],
      [
        new ForbiddenException('Forbidden resource'),
        403,
        ERROR_MESSAGES.no_permission,
      ],
      // Japanese text no longer passes by being non-ASCII: only an AppError speaks to the user.
      [
        new BadRequestException('内部の説明'),
        400,
        'リクエストの内容に誤りがあります',
      ],
    ] as const) {
      const res = answer(exception);
      expect(res.statusCode).toBe(status);
      expect(res.body).toMatchObject({ message });
      expect(res.body).not.toHaveProperty('code');
    }
  });

  it('logs anything else and answers a 500 that tells nothing', () => {
    const logged = jest
      .spyOn(Logger.prototype, 'error')
      .mockImplementation(() => undefined);
    try {
      const res = answer(new Error('SQLITE_BUSY: database is locked'));
      expect(res.statusCode).toBe(500);
      expect(JSON.stringify(res.body)).not.toContain('SQLITE');
      expect(logged).toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
  });
});
