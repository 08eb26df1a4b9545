import type { ReissuePage, ReissueView } from '@certdesk/contracts';

/** `sessionFixture('branch_staff')`'s staff ID: the requester of {@link reissueView}. */
export const BRANCH_STAFF_ID = 'staff-branch_staff';

/** A pending request by the demo branch staff: 株式会社山田商事's administrator, past the limit. */
export function reissueView(overrides: Partial<ReissueView> = {}): ReissueView {
  return {
    id: 'r-1',
    status: 'pending',
    reason: 'past_limit',
    reasonText: null,
    identityCheck: '届出印の照合（電子証明書再発行依頼書）',
    formReceivedOn: '2026-12-01',
    customer: {
      id: 'cust-1',
      contractNumber: '0000000001',
      companyName: '株式会社山田商事',
      branchCode: '001',
      branchName: '本店営業部',
    },
    ibUser: {
      id: 'user-1',
      loginId: '0000000001A0',
      ibRole: 'administrator',
      name: '山田 太郎',
      status: 'reissue_pending',
      expiryDate: '2026-08-01',
    },
    requestedBy: { id: BRANCH_STAFF_ID, name: 'デモ 営業店' },
    requestedAt: '2026-11-30T21:00:00.000Z',
    decidedBy: null,
    decidedAt: null,
    decisionComment: null,
    authorizedUntil: null,
    closedAt: null,
    waitingHours: 3,
    ...overrides,
  };
}

/** The same request once approved by the demo manager. */
export function approvedView(
  overrides: Partial<ReissueView> = {},
): ReissueView {
  const pending = reissueView();
  return {
    ...pending,
    status: 'authorized',
    ibUser: { ...pending.ibUser, status: 'reissue_authorized' },
    decidedBy: { id: 'staff-manager', name: 'デモ 役席' },
    decidedAt: '2026-12-01T00:30:00.000Z',
    decisionComment: '依頼書・届出印を確認',
    authorizedUntil: '2027-02-18',
    waitingHours: null,
    ...overrides,
  };
}

export function reissuePage(
  items: ReissueView[],
  pendingCount = items.filter((r) => r.status === 'pending').length,
): ReissuePage {
  return { items, pendingCount };
}
