import { IB_CONTACT_SENTENCE } from '@certdesk/domain';
import { apiError } from '@certdesk/web';

export {
  apiError,
  apiErrorMessage,
  NETWORK_ERROR_MESSAGE,
} from '@certdesk/web';

/** The seed page's instruction once self-service acquisition is no longer possible (libs/domain, one wording). */
export const CONTACT_CREDIT_UNION_MESSAGE = IB_CONTACT_SENTENCE;

/**
 * The refusal means the customer can no longer acquire by themselves (past the limit after
 * expiry, or revoked) and the server's reason does not say so yet: the portal adds the seed's
 * sentence once, never a second time under a reason that already ends with it.
 */
export function needsCreditUnion(error: unknown): boolean {
  const api = apiError(error);
  if (!api) {
    return false;
  }
  return (
    (api.code === 'reissue_required' ||
      api.code === 'revoked' ||
      api.message.includes('再発行手続きが必要') ||
      api.message.includes('再発行処理が必要')) &&
    !api.message.includes(IB_CONTACT_SENTENCE)
  );
}
