import { HttpErrorResponse } from '@angular/common/http';
import type { ApiError } from '@certdesk/contracts';

export const NETWORK_ERROR_MESSAGE =
  'サーバーと通信できませんでした。時間をおいて再度お試しください。';

/** The seed page's instruction once self-service acquisition is no longer possible. */
export const CONTACT_CREDIT_UNION_MESSAGE =
  '当金庫にて再発行処理が必要となりますので、当金庫までご連絡ください。';

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

/** The Japanese message to show for a failed call: the API's own, or a generic one. */
export function apiErrorMessage(
  error: unknown,
  fallback = NETWORK_ERROR_MESSAGE,
): string {
  const api = apiError(error);
  if (api) {
    return api.message;
  }
  return error instanceof HttpErrorResponse ? fallback : errorText(error, fallback);
}

function errorText(error: unknown, fallback: string): string {
  return error instanceof Error && /[\u3040-\u30ff\u4e00-\u9fff]/.test(error.message)
    ? error.message
    : fallback;
}

/**
 * The refusal means the customer can no longer acquire by themselves (past the limit after
 * expiry, or revoked): the seed tells them to contact the credit union.
 */
export function needsCreditUnion(error: unknown): boolean {
  const api = apiError(error);
  if (!api) {
    return false;
  }
  return (
    api.code === 'reissue_required' ||
    api.code === 'revoked' ||
    api.message.includes('再発行手続きが必要') ||
    api.message.includes('再発行処理が必要')
  );
}
