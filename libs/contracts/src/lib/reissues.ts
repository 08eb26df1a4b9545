import type { IbRole, ReissueReason, ReissueStatus } from '@certdesk/domain';
import type { LifecycleStatusName } from './certificates';
import type { DualControlRecord } from './dual-control';

/** libs/domain `ReissueReason`. */
export type ReissueReasonName = ReissueReason;
/** libs/domain `ReissueStatus`. */
export type ReissueStatusName = ReissueStatus;

/** `POST /api/reissues` */
export interface CreateReissueRequest {
  ibUserId: string;
  reason: ReissueReasonName;
  /** Required when reason is `other`. */
  reasonText?: string;
  /** How identity was checked, e.g. 届出印の照合（電子証明書再発行依頼書）. */
  identityCheck: string;
  /** The day the paper form was received, `YYYY-MM-DD`, not in the future. */
  formReceivedOn: string;
}

/** `POST /api/reissues/:id/approve` and `/reject` */
export interface ReissueDecision {
  comment?: string;
}

export interface ReissueView extends DualControlRecord {
  id: string;
  status: ReissueStatusName;
  reason: ReissueReasonName;
  reasonText: string | null;
  identityCheck: string;
  formReceivedOn: string;
  customer: {
    id: string;
    contractNumber: string;
    companyName: string;
    branchCode: string;
    branchName: string;
  };
  ibUser: {
    id: string;
    loginId: string;
    ibRole: IbRole;
    name: string;
    status: LifecycleStatusName;
    expiryDate: string | null;
  };
  /** Last JST day the customer may acquire (after approval). */
  authorizedUntil: string | null;
  closedAt: string | null;
  /** Hours since the request while it waits (approval queue). */
  waitingHours: number | null;
}

export interface ReissuePage {
  items: ReissueView[];
  /** Pending requests of the credit union (navigation badge). */
  pendingCount: number;
}
