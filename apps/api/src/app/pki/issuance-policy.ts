import {
  IB_CONTACT_SENTENCE,
  IssuedVia,
  LifecycleInput,
  LifecyclePolicy,
  LifecycleStatus,
  lifecycleStatus,
  pastLimitMessage,
  resolveLifecyclePolicy,
} from '@certdesk/domain';
import type { ErrorCode } from '@certdesk/contracts';
import { AppError } from '../infra/http/app-error';

/** How a certificate comes to be issued (the server side of renewal, acquisition and reissue). */
export type IssuanceVia = Exclude<IssuedVia, 'imported'>;

/** The statuses from which each way of issuing is allowed (docs/domain.md). */
const ALLOWED: Record<IssuanceVia, readonly LifecycleStatus[]> = {
  renewal: ['renewal_due'],
  acquisition: ['not_issued', 'expired', 'reissue_authorized'],
  reissue: ['reissue_authorized'],
  initial: ['not_issued'],
};

/**
 * Null when an IB user in this state may be issued a certificate this way today; otherwise the
 * reason in the Japanese the customer reads, each sentence ending 「。」 (decided inside the issuing
 * transaction, on the locked row).
 */
export function issuanceRefusal(
  via: IssuanceVia,
  input: LifecycleInput,
  today: string,
  policy: Partial<LifecyclePolicy>,
): string | null {
  const status = lifecycleStatus(input, today, policy);
  if (ALLOWED[via].includes(status)) return null;
  const { renewalWindowDays } = resolveLifecyclePolicy(policy);
  const acquire = 'ログオン画面の「電子証明書取得」から取得してください。';
  if (via === 'initial')
    return 'すでに電子証明書が発行されています（初回発行はできません）。';
  if (via === 'reissue' && status !== 'reissue_pending')
    return '再発行が承認されていないため発行できません。当金庫までお問い合わせください。';
  switch (status) {
    case 'valid':
      return `現在の電子証明書は有効です。更新は有効期限の${renewalWindowDays}日前から、ログオン後の「重要なお知らせ」から行えます。`;
    case 'renewal_due':
      return via === 'renewal'
        ? null
        : '更新期間中です。ログオン後の「重要なお知らせ」から更新してください。';
    case 'expired':
      return `有効期限が過ぎているため更新できません。${acquire}`;
    case 'reissue_required':
      return pastLimitMessage(input.expiryDate ?? today, policy);
    case 'revoked':
      return `電子証明書が失効しているため発行できません。${IB_CONTACT_SENTENCE}`;
    case 'reissue_pending':
      return '再発行の手続き中です。当金庫での承認後に、ログオン画面の「電子証明書取得」から取得できます。';
    case 'reissue_authorized':
      return `再発行が承認されています。${acquire}`;
    case 'not_issued':
      return `電子証明書が未取得のため更新できません。${acquire}`;
  }
}

/** Refusals only the credit union can resolve have their own codes; the rest are `issuance_refused`. */
const REFUSAL_CODES: Partial<Record<LifecycleStatus, ErrorCode>> = {
  reissue_required: 'issuance_reissue_required',
  revoked: 'issuance_revoked',
};

/** {@link issuanceRefusal} as the error the exception filter answers (409, with its code), or null. */
export function issuanceRefusalError(
  via: IssuanceVia,
  input: LifecycleInput,
  today: string,
  policy: Partial<LifecyclePolicy>,
): AppError | null {
  const message = issuanceRefusal(via, input, today, policy);
  if (message === null) return null;
  const status = lifecycleStatus(input, today, policy);
  return new AppError(REFUSAL_CODES[status] ?? 'issuance_refused', message);
}
