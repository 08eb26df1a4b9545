import { HttpException, HttpStatus } from '@nestjs/common';
import {
  type ApiError,
  catalogueMessage,
  type ErrorCode,
} from '@certdesk/contracts';

type Details = NonNullable<ApiError['details']>;

/** The HTTP status of each code (the one table; the wording is in libs/contracts' catalogue). */
export const ERROR_STATUS: Readonly<Record<ErrorCode, HttpStatus>> =
  Object.freeze({
    // Requests.
    not_found: HttpStatus.NOT_FOUND,
    invalid_input: HttpStatus.BAD_REQUEST,
    invalid_period: HttpStatus.BAD_REQUEST,
    malformed_request: HttpStatus.BAD_REQUEST,
    payload_too_large: HttpStatus.PAYLOAD_TOO_LARGE,
    unsupported_encoding: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    json_required: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    csrf_mismatch: HttpStatus.FORBIDDEN,
    foreign_origin: HttpStatus.FORBIDDEN,
    edit_conflict: HttpStatus.CONFLICT,
    too_many_attempts: HttpStatus.TOO_MANY_REQUESTS,
    busy: HttpStatus.SERVICE_UNAVAILABLE,
    KEYSTORE_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
    // Staff sign-in and second factor.
    not_signed_in: HttpStatus.UNAUTHORIZED,
    no_permission: HttpStatus.FORBIDDEN,
    login_failed: HttpStatus.UNAUTHORIZED,
    password_change_required: HttpStatus.FORBIDDEN,
    wrong_current_password: HttpStatus.BAD_REQUEST,
    password_policy: HttpStatus.BAD_REQUEST,
    second_factor_required: HttpStatus.UNAUTHORIZED,
    second_factor_enrolment_required: HttpStatus.FORBIDDEN,
    step_up_required: HttpStatus.UNAUTHORIZED,
    second_factor_invalid: HttpStatus.BAD_REQUEST,
    no_passkey: HttpStatus.BAD_REQUEST,
    totp_already_enrolled: HttpStatus.BAD_REQUEST,
    totp_not_started: HttpStatus.BAD_REQUEST,
    totp_code_invalid: HttpStatus.BAD_REQUEST,
    passkey_challenge_expired: HttpStatus.BAD_REQUEST,
    passkey_not_registered: HttpStatus.BAD_REQUEST,
    second_factor_not_enrolled: HttpStatus.BAD_REQUEST,
    second_factor_policy_production: HttpStatus.BAD_REQUEST,
    // 職員管理.
    username_taken: HttpStatus.CONFLICT,
    staff_change_pending: HttpStatus.CONFLICT,
    own_staff_change: HttpStatus.FORBIDDEN,
    own_account_change: HttpStatus.FORBIDDEN,
    not_on_self: HttpStatus.BAD_REQUEST,
    nothing_to_change: HttpStatus.BAD_REQUEST,
    own_factors: HttpStatus.BAD_REQUEST,
    own_password: HttpStatus.BAD_REQUEST,
    not_requester: HttpStatus.FORBIDDEN,
    already_decided: HttpStatus.CONFLICT,
    // Back office.
    no_pem: HttpStatus.NOT_FOUND,
    csr_refused: HttpStatus.BAD_REQUEST,
    key_reused: HttpStatus.CONFLICT,
    open_reissue_request: HttpStatus.CONFLICT,
    removed_user_reissue: HttpStatus.CONFLICT,
    own_reissue_request: HttpStatus.FORBIDDEN,
    pin_not_locked: HttpStatus.CONFLICT,
    already_closed: HttpStatus.CONFLICT,
    already_removed: HttpStatus.CONFLICT,
    closure_reason_invalid: HttpStatus.BAD_REQUEST,
    removal_already_decided: HttpStatus.CONFLICT,
    removal_not_requester: HttpStatus.FORBIDDEN,
    own_removal_request: HttpStatus.FORBIDDEN,
    import_file_name_required: HttpStatus.BAD_REQUEST,
    import_file_empty: HttpStatus.BAD_REQUEST,
    import_body_required: HttpStatus.BAD_REQUEST,
    import_full_invalid: HttpStatus.BAD_REQUEST,
    import_rejected: HttpStatus.CONFLICT,
    import_not_planned: HttpStatus.CONFLICT,
    csv_unmappable: HttpStatus.UNPROCESSABLE_ENTITY,
    notice_not_resendable: HttpStatus.CONFLICT,
    notice_schedule_invalid: HttpStatus.BAD_REQUEST,
    template_invalid: HttpStatus.BAD_REQUEST,
    template_edit_conflict: HttpStatus.CONFLICT,
    no_draft_to_discard: HttpStatus.BAD_REQUEST,
    no_draft_to_publish: HttpStatus.BAD_REQUEST,
    local_mailbox_unused: HttpStatus.NOT_FOUND,
    // IB channel.
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
    renewal_superseded: HttpStatus.CONFLICT,
    renewal_session_not_found: HttpStatus.NOT_FOUND,
    renewal_session_used: HttpStatus.CONFLICT,
    renewal_session_expired: HttpStatus.CONFLICT,
    not_media_storage: HttpStatus.NOT_FOUND,
  });

/**
 * A deliberate refusal: every one the API makes is an AppError naming its code. Its HTTP status
 * comes from {@link ERROR_STATUS}; its message is the case's own sentence when given, else the
 * catalogue's (libs/contracts `ERROR_MESSAGES`); `details` name fields. The exception filter
 * answers it as `ApiError` with the code.
 */
export class AppError extends HttpException {
  constructor(
    readonly code: ErrorCode,
    message: string = catalogued(code),
    readonly details?: Details,
  ) {
    super({ message, code, details }, ERROR_STATUS[code]);
  }

  /** A refusal about one field: `details` names it, with the message (or `reason`) as its reason. */
  static onField(
    code: ErrorCode,
    field: string,
    reason?: string,
    message?: string,
  ): AppError {
    const text = message ?? catalogued(code);
    return new AppError(code, text, [{ field, reason: reason ?? text }]);
  }
}

/**
 * A refusal that tells the client when to come back (429: a limit was reached; 503: busy),
 * answered with `Retry-After` (seconds).
 */
export class RetryLaterError extends AppError {
  constructor(
    code: ErrorCode,
    readonly retryAfterSeconds: number,
    message?: string,
  ) {
    super(code, message);
  }
}

function catalogued(code: ErrorCode): string {
  const message = catalogueMessage(code);
  if (message === undefined)
    throw new TypeError(`No catalogued message for ${code}: give one`);
  return message;
}
