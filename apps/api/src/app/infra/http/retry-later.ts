import { HttpException } from '@nestjs/common';

/**
 * A refusal that tells the client when to come back: 429 (a limit was reached) or 503 (busy),
 * answered with `Retry-After` (seconds) by the HTTP exception filter.
 */
export class RetryLaterException extends HttpException {
  constructor(
    status: 429 | 503,
    body: { message: string; code: string },
    readonly retryAfterSeconds: number,
  ) {
    super(body, status);
  }
}
