import type { ClosureSource, IbRole, IssuedVia } from '@certdesk/domain';
import type { LifecycleStatusName } from './certificates';

/** A certificate as the customer page shows it. */
export interface CertificateView {
  id: string;
  serialHex: string;
  subjectDn: string;
  notBefore: string;
  notAfter: string;
  expiryDate: string;
  fingerprintSha256: string | null;
  issuedVia: IssuedVia;
  revokedAt: string | null;
  revocationReason: string | null;
  current: boolean;
}

export interface IbUserView {
  id: string;
  loginId: string;
  ibRole: IbRole;
  name: string;
  nameKana: string | null;
  email: string | null;
  pinLocked: boolean;
  status: LifecycleStatusName;
  /** Why, and what to do, in plain Japanese. */
  statusReason: string;
  daysLeft: number | null;
  currentCertificate: CertificateView | null;
  /** Set once the IB user was removed (削除済み) or the contract closed. */
  closure?: ClosureView | null;
  /**
   * After a renewal (新しい電子証明書): whether the new certificate has logged on — until then the
   * one it renewed still logs on. Null when the current certificate does not come from a renewal.
   */
  newCertificate: {
    firstLogonAt: string | null;
    /** 「未使用（…までログオンできます）」 or 「使用開始 2026年12月20日(日) 10:05」. */
    label: string;
    replacedSerialHex: string;
  } | null;
  /** Every certificate of this IB user, newest first. */
  history: CertificateView[];
}

/** `GET /api/customers/:id` */
export interface CustomerDetail {
  id: string;
  contractNumber: string;
  companyName: string;
  companyNameKana: string;
  branch: { code: string; name: string };
  contactEmail: string | null;
  contactPhone: string | null;
  ibUsers: IbUserView[];
  today: string;
  /** Set once the contract was closed (解約済み); the customer stays with its history. */
  closure?: ClosureView | null;
}

/** 解約済み / 削除済み: when, why and how (full-file import or by hand). */
export interface ClosureView {
  status: 'closed' | 'removed';
  /** 解約済み / 削除済み */
  label: string;
  /** JST date. */
  on: string;
  reason: string | null;
  source: ClosureSource | null;
  /** 全件ファイル取込 / 職員による手動操作 */
  sourceLabel: string | null;
}

/** `GET /api/dashboard` */
export interface DashboardSummary {
  today: string;
  counts: Record<LifecycleStatusName, number>;
  total: number;
  renewalDueWithin7Days: number;
  renewalDueWithin30Days: number;
  /** Expired and still able to acquire by themselves. */
  lockedOut: number;
  /** Past the self-service limit: reissue needed. */
  pastLimit: number;
  pendingReissueApprovals: number;
  /** Expiries per week from today, 12 weeks: `weekStart` is a JST date. */
  expiriesPerWeek: { weekStart: string; count: number }[];
}
