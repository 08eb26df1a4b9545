import type { IbRole } from '@certdesk/domain';
import type { NoticeKindName, NoticeStatusName } from './notices';
import type { ReissueReasonName, ReissueStatusName } from './reissues';

/** The report names of `GET /api/reports/{report}` and `GET /api/reports/{report}.csv`. */
export type ReportName =
  | 'expiry'
  | 'locked-out'
  | 'past-limit'
  | 'reissues'
  | 'notices'
  | 'audit'
  | 'closures';

/** Every report says when it was made and for which credit union. */
export interface ReportHeader {
  asOf: string;
  today: string;
  creditUnion: { code: string; name: string };
}

/** `GET /api/reports/expiry?branch=`: certificates expiring per month and branch, 3 months back and 12 ahead. */
export interface ExpiryReport extends ReportHeader {
  months: {
    month: string;
    total: number;
    branches: { code: string; name: string; count: number }[];
  }[];
}

/** One row of the locked-out and past-limit lists. */
export interface ExpiredUserRow {
  branchCode: string;
  branchName: string;
  contractNumber: string;
  companyName: string;
  companyNameKana: string;
  ibRole: IbRole;
  loginId: string;
  ibUserName: string;
  email: string | null;
  expiryDate: string;
  daysSinceExpiry: number;
  /** Last day the customer can acquire by themselves (expiry + the credit union's limit). */
  selfServiceUntil: string;
  customerId: string;
  ibUserId: string;
}

/** `GET /api/reports/locked-out` and `/past-limit` (`branch`, `cursor`, `limit`). */
export interface ExpiredUsersReport extends ReportHeader {
  items: ExpiredUserRow[];
  nextCursor: string | null;
}

/** One 再発行 request of the history, with how long its approval and the customer's acquisition took. */
export interface ReissueHistoryRow {
  id: string;
  requestedAt: string;
  status: ReissueStatusName;
  reason: ReissueReasonName;
  reasonText: string | null;
  identityCheck: string;
  formReceivedOn: string;
  branchCode: string;
  branchName: string;
  customerId: string;
  contractNumber: string;
  companyName: string;
  ibUserId: string;
  loginId: string;
  ibUserName: string;
  ibRole: IbRole;
  /** Staff names: who recorded the request, who approved or rejected it. */
  requestedBy: string;
  decidedBy: string | null;
  decidedAt: string | null;
  /** Minutes from the request to its approval (approved requests only). */
  minutesToApproval: number | null;
  /** Last JST day the customer may acquire (approved requests). */
  authorizedUntil: string | null;
  /** When the customer acquired the new certificate (first acquisition after the approval). */
  acquiredAt: string | null;
  /** Minutes from the approval to the acquisition. */
  minutesToAcquisition: number | null;
}

/** Duration figures over the requests that have them (null when none has). */
export interface DurationSummary {
  count: number;
  averageMinutes: number | null;
  medianMinutes: number | null;
  maxMinutes: number | null;
}

/** `GET /api/reports/reissues?from=&to=&status=&branch=&cursor=&limit=` (from/to: JST days of the request). */
export interface ReissueHistoryReport extends ReportHeader {
  /** Over every request the filters select (not only this page). */
  summary: {
    total: number;
    byStatus: Record<ReissueStatusName, number>;
    approval: DurationSummary;
    acquisition: DurationSummary;
  };
  /** Newest request first. */
  items: ReissueHistoryRow[];
  nextCursor: string | null;
}

/** Outbox statuses counted by the notice delivery report (`sending` counts as pending). */
export type NoticeDeliveryCount = Extract<
  NoticeStatusName,
  'sent' | 'failed' | 'cancelled' | 'skipped' | 'pending'
>;
export type NoticeDeliveryCounts = Record<NoticeDeliveryCount, number>;

/** Notices of one milestone (or kind without one: the reissue-ready mail) queued on one JST day. */
export interface NoticeDeliveryDay extends NoticeDeliveryCounts {
  /** The JST business date the notice was queued for. */
  day: string;
  kind: NoticeKindName;
  milestone: number | null;
  /** 「有効期限の30日前」, or the kind's name when it has no milestone. */
  label: string;
  /** 「電子証明書更新のご案内（メール）」 */
  kindLabel: string;
}

/** `GET /api/reports/notices?from=&to=&milestone=`: sent / failed / cancelled per milestone and day. */
export interface NoticeDeliveryReport extends ReportHeader {
  /** Day ascending, then milestone (earliest notice first), reissue-ready mail last. */
  days: NoticeDeliveryDay[];
  totals: NoticeDeliveryCounts;
  /** The milestones that occur in the period (whatever the milestone filter), for the filter. */
  milestones: { milestone: number; label: string }[];
}

/** A 422 answer to a CP932 export that would lose characters. */
export interface UnmappableCharacter {
  character: string;
  codePoint: string;
  /** CSV line (1 = header) where it first appears. */
  firstLine: number;
  count: number;
}
