import type { IbRole, LifecycleStatus } from '@certdesk/domain';
/** Lifecycle statuses: libs/domain `LifecycleStatus`. */
export type LifecycleStatusName = LifecycleStatus;

/** `GET /api/certificates?q=&status=&expiresFrom=&expiresTo=&branch=&ibRole=&sort=&cursor=&limit=` */
export interface CertificateSearchQuery {
  q?: string;
  status?: LifecycleStatusName[];
  expiresFrom?: string;
  expiresTo?: string;
  branch?: string;
  ibRole?: IbRole;
  sort?: 'expiry' | 'company' | 'status';
  cursor?: string;
  limit?: number;
}

/** One IB user with their current certificate. */
export interface CertificateSearchItem {
  customer: {
    id: string;
    contractNumber: string;
    companyName: string;
    companyNameKana: string;
    branchCode: string;
  };
  ibUser: {
    id: string;
    loginId: string;
    ibRole: IbRole;
    name: string;
  };
  expiryDate: string | null;
  /** expiryDate − today (JST days); null without a certificate. */
  daysLeft: number | null;
  status: LifecycleStatusName;
  /** 解約済み (`closed`: the customer) or 削除済み (`removed`: the IB user); null while both are active. */
  closure: 'closed' | 'removed' | null;
}

export interface CertificateSearchPage {
  items: CertificateSearchItem[];
  nextCursor: string | null;
  /** The JST business date the statuses were derived for. */
  today: string;
}
