import { apiError } from '@certdesk/web';

export {
  apiError,
  apiErrorMessage,
  NETWORK_ERROR_MESSAGE,
} from '@certdesk/web';

/** The seed page's instruction once self-service acquisition is no longer possible. */
export const CONTACT_CREDIT_UNION_MESSAGE =
  '当金庫にて再発行処理が必要となりますので、当金庫までご連絡ください。';

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
