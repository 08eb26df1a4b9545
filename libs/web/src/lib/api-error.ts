import { HttpErrorResponse } from '@angular/common/http';
import type { ApiError } from '@certdesk/contracts';

export const NETWORK_ERROR_MESSAGE =
  'サーバーと通信できませんでした。時間をおいて再度お試しください。';

/** The API's error body, when `error` is an HTTP error carrying one. */
export function apiError(error: unknown): ApiError | null {
  if (!(error instanceof HttpErrorResponse)) {
    return null;
  }
  const body: unknown = error.error;
  return typeof body === 'object' &&
    body !== null &&
    'message' in body &&
    typeof body.message === 'string'
    ? (body as ApiError)
    : null;
}

/**
 * An error raised in the browser whose message is written for the user (Japanese): shown as it
 * is by {@link apiErrorMessage}. Any other browser error shows the caller's fallback.
 */
export class UserFacingError extends Error {}

/**
 * The Japanese message to show for a failed call: the API's own; for an error raised in the
 * browser itself, its message when it is a {@link UserFacingError}; otherwise `fallback`.
 */
export function apiErrorMessage(
  error: unknown,
  fallback = NETWORK_ERROR_MESSAGE,
): string {
  const api = apiError(error);
  if (api) {
    return api.message;
  }
  return error instanceof UserFacingError ? error.message : fallback;
}

/** Field-level reasons (`details[].reason`), e.g. why a new password was refused. */
export function apiErrorReasons(error: unknown): string[] {
  return (apiError(error)?.details ?? []).map((d) => d.reason);
}
