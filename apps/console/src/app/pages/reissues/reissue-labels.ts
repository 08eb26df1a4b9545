import type {
  LifecycleStatusName,
  ReissueReasonName,
  ReissueStatusName,
  ReissueView,
} from '@certdesk/contracts';
import {
  LifecyclePolicy,
  REISSUE_REASONS,
  REISSUE_STATUSES,
  REISSUE_STATUS_LABELS,
  reissueReasonLabel,
} from '@certdesk/domain';
import { formatJstMinute } from '../../core/jst-datetime';

/** The queue's filter: one request status, or every request. */
export type ReissueFilter = ReissueStatusName | 'all';

export interface ReissueFilterTab {
  readonly value: ReissueFilter;
  readonly label: string;
}

/** The queue opens on 承認待ち (no `status` in the URL). */
export const DEFAULT_REISSUE_FILTER: ReissueFilter = 'pending';

export const REISSUE_FILTER_TABS: readonly ReissueFilterTab[] = [
  ...REISSUE_STATUSES.map((value) => ({
    value,
    label: REISSUE_STATUS_LABELS[value],
  })),
  { value: 'all', label: 'すべて' },
];

/** `?status=` as the queue reads it; anything unknown is the default. */
export function parseReissueFilter(value: string | undefined): ReissueFilter {
  return (
    REISSUE_FILTER_TABS.find((t) => t.value === value)?.value ??
    DEFAULT_REISSUE_FILTER
  );
}

/** 待ち時間 as staff read it: 「1時間未満」「3時間」「2日」. */
export function waitingLabel(hours: number | null): string {
  if (hours === null) return '—';
  if (hours < 1) return '1時間未満';
  return hours < 24 ? `${hours}時間` : `${Math.floor(hours / 24)}日`;
}

/** 理由, with the words written for その他: 「その他（代表者の交代）」. */
export function reasonLabel(
  r: Pick<ReissueView, 'reason' | 'reasonText'>,
  policy?: Partial<LifecyclePolicy>,
): string {
  const label = reissueReasonLabel(r.reason, policy);
  return r.reasonText ? `${label}（${r.reasonText}）` : label;
}

/** A request is still open (no other may be recorded for the IB user). */
export function isOpenStatus(status: LifecycleStatusName): boolean {
  return status === 'reissue_pending' || status === 'reissue_authorized';
}

/**
 * Whether an IB user in `status` may be put forward for a reissue: past the limit, revoked or
 * locked out, and also while valid (a lost PC or a compromised key). Not while a request is open,
 * and not before a first certificate (the customer acquires that by themselves).
 */
export function mayRequestReissue(status: LifecycleStatusName): boolean {
  return !isOpenStatus(status) && status !== 'not_issued';
}

/** The reasons that fit the status: 90日超過 only when the user is past the limit. */
export function reasonsFor(status: LifecycleStatusName): ReissueReasonName[] {
  return REISSUE_REASONS.filter(
    (r) => r !== 'past_limit' || status === 'reissue_required',
  );
}

/** 受付日時 in a table: `2026/12/01 09:00` (JST). */
export const jstMinute = formatJstMinute;
