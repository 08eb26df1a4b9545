import type {
  CertificateSearchItem,
  CertificateView,
  CustomerDetail,
  DashboardSummary,
  IbUserView,
} from '@certdesk/contracts';
import { addDays } from '@certdesk/domain';

/** Demo data on the e2e's fixed business date, 2026-12-01. */
export const TODAY = '2026-12-01';

/** One search row: 株式会社山田商事's administrator, locked out (expired 30 days ago). */
export function searchItem(
  n: number,
  overrides: Partial<CertificateSearchItem> = {},
): CertificateSearchItem {
  return {
    customer: {
      id: `cust-${n}`,
      contractNumber: String(n).padStart(10, '0'),
      companyName: `株式会社山田商事${n}`,
      companyNameKana: 'ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ',
      branchCode: '001',
    },
    ibUser: {
      id: `user-${n}`,
      loginId: `${String(n).padStart(10, '0')}A0`,
      ibRole: 'administrator',
      name: '山田 太郎',
    },
    expiryDate: '2026-11-01',
    daysLeft: -30,
    status: 'expired',
    closure: null,
    ...overrides,
  };
}

export function certificateView(
  overrides: Partial<CertificateView> = {},
): CertificateView {
  return {
    id: 'cert-2',
    serialHex: '7a3f0c',
    subjectDn: 'CN=0000000001A0,OU=0000000001,O=さくら信用金庫,C=JP',
    notBefore: '2025-10-31T15:00:00.000Z',
    notAfter: '2026-11-01T14:59:59.000Z',
    expiryDate: '2026-11-01',
    fingerprintSha256: null,
    issuedVia: 'imported',
    revokedAt: null,
    revocationReason: null,
    current: true,
    ...overrides,
  };
}

export const LOCKED_OUT_REASON =
  '有効期限（2026年11月1日(日)）から30日経過。ログオンできません。ログオン画面の「電子証明書取得」から再取得できます（あと60日）。';

export function ibUserView(overrides: Partial<IbUserView> = {}): IbUserView {
  const current = certificateView();
  return {
    id: 'user-1',
    loginId: '0000000001A0',
    ibRole: 'administrator',
    name: '山田 太郎',
    nameKana: 'ヤマダ タロウ',
    email: 'user0@c0000000001.example.jp',
    pinLocked: false,
    status: 'expired',
    statusReason: LOCKED_OUT_REASON,
    daysLeft: -30,
    currentCertificate: current,
    newCertificate: null,
    history: [current],
    ...overrides,
  };
}

export function customerDetail(
  overrides: Partial<CustomerDetail> = {},
): CustomerDetail {
  return {
    id: 'cust-1',
    contractNumber: '0000000001',
    companyName: '株式会社山田商事',
    companyNameKana: 'カ)ヤマダショウジ',
    branch: { code: '001', name: '本店営業部' },
    contactEmail: 'keiri@c0000000001.example.jp',
    contactPhone: '03-1234-5678',
    ibUsers: [ibUserView()],
    today: TODAY,
    ...overrides,
  };
}

export function dashboardSummary(
  overrides: Partial<DashboardSummary> = {},
): DashboardSummary {
  return {
    today: TODAY,
    counts: {
      valid: 700,
      renewal_due: 120,
      expired: 80,
      reissue_required: 60,
      revoked: 10,
      reissue_pending: 3,
      reissue_authorized: 2,
      not_issued: 25,
    },
    total: 1000,
    renewalDueWithin7Days: 30,
    renewalDueWithin30Days: 120,
    lockedOut: 80,
    pastLimit: 60,
    pendingReissueApprovals: 3,
    expiriesPerWeek: Array.from({ length: 12 }, (_, w) => ({
      weekStart: addDays(TODAY, w * 7),
      count: 10 + w,
    })),
    ...overrides,
  };
}
