/**
 * 解約・削除: a customer whose 法人IB contract ended in the core system is `closed`, an IB user
 * removed there is `removed` (docs/domain.md "Closed contracts and removed IB users"). Either comes from
 * a full-file import (those absent from a credit union's full extract) or from a manager on
 * ご契約先. The effects are the same: the IB users' unrevoked certificates are revoked as
 * `cessationOfOperation` (so they reach the next CRL), an open reissue is cancelled, notices stop,
 * and the IB channel refuses log-on, renewal and acquisition. Rows are never deleted: closed
 * customers stay searchable with their history.
 */
import type { RevocationReason } from './certificate';

export type CustomerStatus = 'active' | 'closed';
export type IbUserStatus = 'active' | 'removed';
/**
 * Why a row is no longer served, as the search list shows it: the customer's 解約 comes first (it removes
 * its IB users too), then the IB user's own removal; null while both are active.
 */
export function closureOf(
  customer: CustomerStatus | null | undefined,
  ibUser: IbUserStatus | null | undefined,
): 'closed' | 'removed' | null {
  if (customer === 'closed') return 'closed';
  return ibUser === 'removed' ? 'removed' : null;
}

/** Where a closure came from. */
export type ClosureSource = 'import' | 'manual';

export const CUSTOMER_STATUS_LABELS: Readonly<Record<CustomerStatus, string>> =
  Object.freeze({ active: '契約中', closed: '解約済み' });

export const IB_USER_STATUS_LABELS: Readonly<Record<IbUserStatus, string>> =
  Object.freeze({ active: '利用中', removed: '削除済み' });

export const CLOSURE_SOURCE_LABELS: Readonly<Record<ClosureSource, string>> =
  Object.freeze({ import: '全件ファイル取込', manual: '職員による手動操作' });

/** RFC 5280 reason of the certificates revoked by a closure or a removal. */
export const CLOSURE_REVOCATION_REASON =
  'cessationOfOperation' as const satisfies RevocationReason;

/** Removals above this share of a credit union's IB users wait for a second person (default). */
export const DEFAULT_REMOVAL_THRESHOLD_PERCENT = 5;

/** Longest reason a manager may give for a hand closure or removal. */
export const CLOSURE_REASON_MAX_LENGTH = 500;

/** The IB channel's refusal for an IB user of a closed customer (log-on, renewal, acquisition). */
export const IB_CONTRACT_CLOSED_MESSAGE =
  'ご契約先の法人インターネットバンキングのご契約は解約されているため、ログオン、電子証明書の更新・取得はできません。ご不明な点はお取引店にお問い合わせください。';

/** The IB channel's refusal for a removed IB user (log-on, renewal, acquisition). */
export const IB_USER_REMOVED_MESSAGE =
  'この利用者は削除されているため、ログオン、電子証明書の更新・取得はできません。ご不明な点はお取引店にお問い合わせください。';

/** Why the IB channel refuses this IB user whatever its certificate, or null when it does not. */
export function closureRefusal(
  customer: { status: CustomerStatus },
  ibUser: { status: IbUserStatus },
): { code: 'contract_closed' | 'ib_user_removed'; message: string } | null {
  if (customer.status === 'closed')
    return { code: 'contract_closed', message: IB_CONTRACT_CLOSED_MESSAGE };
  if (ibUser.status === 'removed')
    return { code: 'ib_user_removed', message: IB_USER_REMOVED_MESSAGE };
  return null;
}

/** A hand closure's reason, trimmed; a Japanese problem when it is empty or too long. */
export function checkClosureReason(
  reason: unknown,
): { ok: true; reason: string } | { ok: false; message: string } {
  const text = typeof reason === 'string' ? reason.trim() : '';
  if (text === '') return { ok: false, message: '理由を入力してください' };
  if (text.length > CLOSURE_REASON_MAX_LENGTH)
    return {
      ok: false,
      message: `理由は${CLOSURE_REASON_MAX_LENGTH}文字以内で入力してください`,
    };
  return { ok: true, reason: text };
}

/** How many removals a full-file import plans for one credit union, against what it has now. */
export interface RemovalCounts {
  /** Customers the file closes. */
  closedCustomers: number;
  /** IB users the file removes (those of closed customers included). */
  removedIbUsers: number;
  /** Active customers of the credit union before the import. */
  activeCustomers: number;
  /** Active IB users of the credit union before the import. */
  activeIbUsers: number;
}

/**
 * Whether the removals are more than `thresholdPercent` % of the credit union's active IB users
 * (or of its active customers): a truncated export must never close half the customer base, so
 * such a plan waits for a second person's approval. None at all never needs one.
 */
export function removalsNeedApproval(
  counts: RemovalCounts,
  thresholdPercent: number = DEFAULT_REMOVAL_THRESHOLD_PERCENT,
): boolean {
  if (!Number.isFinite(thresholdPercent) || thresholdPercent < 0)
    throw new RangeError(
      `Removal threshold must be a non-negative percentage, got ${String(thresholdPercent)}`,
    );
  const over = (part: number, whole: number): boolean =>
    part > 0 && part * 100 > whole * thresholdPercent;
  return (
    over(counts.removedIbUsers, counts.activeIbUsers) ||
    over(counts.closedCustomers, counts.activeCustomers)
  );
}

export type RemovalRequestStatus =
  'pending' | 'approved' | 'rejected' | 'cancelled';

export const REMOVAL_REQUEST_STATUS_LABELS: Readonly<
  Record<RemovalRequestStatus, string>
> = Object.freeze({
  pending: '承認待ち',
  approved: '承認済み（適用済み）',
  rejected: '却下',
  cancelled: '取消',
});

/**
 * Dual control over held removals: only a manager or admin other than the one who ran the import
 * may approve or reject (the requester may only cancel). Null when allowed.
 */
export function removalDecisionRefusal(
  request: { requestedById: string },
  deciderId: string,
): 'own_request' | null {
  return request.requestedById === deciderId ? 'own_request' : null;
}
