import { HttpException, HttpStatus } from '@nestjs/common';
import { ERROR_MESSAGES, type ErrorCode } from '@certdesk/contracts';

/** The HTTP status of each code. */
export const ERROR_STATUS: Readonly<Record<ErrorCode, HttpStatus>> =
  Object.freeze({
    superseded: HttpStatus.FORBIDDEN,
    revoked: HttpStatus.FORBIDDEN,
    expired: HttpStatus.FORBIDDEN,
    reissue_required: HttpStatus.FORBIDDEN,
    reissue_pending: HttpStatus.FORBIDDEN,
    reissue_authorized: HttpStatus.FORBIDDEN,
    contract_closed: HttpStatus.FORBIDDEN,
    ib_user_removed: HttpStatus.FORBIDDEN,
    no_certificate: HttpStatus.UNAUTHORIZED,
    unknown_certificate: HttpStatus.UNAUTHORIZED,
    not_ib_channel: HttpStatus.UNAUTHORIZED,
    wrong_credentials: HttpStatus.UNAUTHORIZED,
    pin_locked: HttpStatus.FORBIDDEN,
    credit_union_required: HttpStatus.BAD_REQUEST,
    issuance_reissue_required: HttpStatus.CONFLICT,
    issuance_revoked: HttpStatus.CONFLICT,
    issuance_refused: HttpStatus.CONFLICT,
    outside_renewal_window: HttpStatus.CONFLICT,
    renewal_session_not_found: HttpStatus.NOT_FOUND,
    renewal_session_used: HttpStatus.CONFLICT,
    renewal_session_expired: HttpStatus.CONFLICT,
    not_media_storage: HttpStatus.NOT_FOUND,
    too_many_attempts: HttpStatus.TOO_MANY_REQUESTS,
    busy: HttpStatus.SERVICE_UNAVAILABLE,
    KEYSTORE_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
    step_up_required: HttpStatus.UNAUTHORIZED,
    second_factor_required: HttpStatus.UNAUTHORIZED,
    second_factor_enrolment_required: HttpStatus.FORBIDDEN,
    second_factor_invalid: HttpStatus.UNAUTHORIZED,
  });

/**
 * A refusal the client acts on by its code (`ApiError.code`). Services throw it naming only the
 * code; its HTTP status comes from {@link ERROR_STATUS} and its message is the case's own sentence
 * when given, else the catalogue's (`ERROR_MESSAGES`). An HttpException, so the exception filter
 * answers it like any other (body `{ message, code }`).
 */
export class AppError extends HttpException {
  constructor(
    readonly code: ErrorCode,
    message: string = catalogued(code),
  ) {
    super({ message, code }, ERROR_STATUS[code]);
    this.name = 'AppError';
  }
}

function catalogued(code: ErrorCode): string {
  const message = (ERROR_MESSAGES as Partial<Record<ErrorCode, string>>)[code];
  if (message === undefined)
    throw new TypeError(`No catalogued message for ${code}: give one`);
  return message;
}
