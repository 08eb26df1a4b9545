import { IB_CONTACT_SENTENCE } from '@certdesk/domain';
import type { ErrorCode } from '@certdesk/contracts';
import { apiError } from '@certdesk/web';

export {
  apiError,
  apiErrorMessage,
  NETWORK_ERROR_MESSAGE,
} from '@certdesk/web';

/** The seed page's instruction once self-service acquisition is no longer possible (libs/domain, one wording). */
export const CONTACT_CREDIT_UNION_MESSAGE = IB_CONTACT_SENTENCE;

/** Refusals only the credit union can resolve (past the limit after expiry, or revoked). */
const CONTACT_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'reissue_required',
  'revoked',
  'issuance_reissue_required',
  'issuance_revoked',
]);

/**
 * The refusal's code says the customer can no longer acquire by themselves: the portal adds the
 * seed's sentence once, never a second time under a reason that already ends with it.
 */
export function needsCreditUnion(error: unknown): boolean {
  const api = apiError(error);
  return (
    api?.code !== undefined &&
    CONTACT_CODES.has(api.code) &&
    !api.message.includes(IB_CONTACT_SENTENCE)
  );
}
