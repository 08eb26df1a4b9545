import type { ClosureSource, RemovalRequestStatus } from '@certdesk/domain';
import type { ReportHeader } from './reports';

/** 解約・削除 (issue 16): what the console and the API exchange. */

/** What a closure did (hand closure, hand removal, approved removals). */
export interface ClosureResultView {
  closedCustomers: number;
  removedIbUsers: number;
  revokedCertificates: number;
  cancelledReissues: number;
}

/** `POST /api/customers/:id/close`, `POST /api/ib-users/:id/remove` */
export interface CloseRequest {
  /** Required, at most 500 characters. */
  reason: string;
}

/** libs/domain `RemovalRequestStatus`. */
export type RemovalRequestStatusName = RemovalRequestStatus;

/** A full-file import's removals held above the threshold (`GET /api/removal-requests`). */
export interface RemovalRequestView {
  id: string;
  status: RemovalRequestStatusName;
  /** 承認待ち / 承認済み（適用済み）/ 却下 / 取消 */
  statusLabel: string;
  fileName: string | null;
  fileSha256: string | null;
  closedCustomers: number;
  removedIbUsers: number;
  activeCustomers: number;
  activeIbUsers: number;
  thresholdPercent: number;
  /** id null: the system (CLI, nightly inbox). */
  requestedBy: { id: string | null; name: string };
  requestedAt: string;
  decidedBy: { id: string | null; name: string } | null;
  decidedAt: string | null;
  decisionComment: string | null;
}

/** One line of the 解約・削除 report. */
export interface ClosureReportRow {
  kind: 'customer' | 'ib_user';
  /** 解約（ご契約先） / 削除（利用者） */
  kindLabel: string;
  /** JST date. */
  closedOn: string;
  closedAt: string;
  contractNumber: string;
  companyName: string;
  loginId: string | null;
  ibUserName: string | null;
  reason: string | null;
  source: ClosureSource | null;
  sourceLabel: string | null;
}

/** `GET /api/reports/closures?from&to` */
export interface ClosureReport extends ReportHeader {
  from: string;
  to: string;
  closedCustomers: number;
  removedIbUsers: number;
  rows: ClosureReportRow[];
}
