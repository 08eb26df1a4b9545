import type { TestRequest } from '@angular/common/http/testing';
import { Component, signal } from '@angular/core';
import type {
  ExpiredUserRow,
  ExpiredUsersReport,
  ExpiryReport,
  NoticeDeliveryDay,
  NoticeDeliveryReport,
  ReissueHistoryReport,
  ReissueHistoryRow,
  ReportHeader,
} from '@certdesk/contracts';
import { eachTest } from '../../../testing/http';
import { RoutedPageTest } from '../../../testing/routed-page';
import { sessionFixture } from '../../../testing/session.fixture';
import { AuthService } from '../../core/auth/auth.service';
import { FileDownload } from '@certdesk/web';
import { ReportsPage } from './reports-page';

/** The server's clock in the e2e demo: 2026-12-01 09:00 JST. */
export const REPORT_HEADER: ReportHeader = {
  asOf: '2026-12-01T00:00:00.000Z',
  today: '2026-12-01',
  creditUnion: { code: '1001', name: 'さくら信用金庫' },
};
export const AS_OF_TEXT = 'さくら信用金庫 ・ 2026/12/01 09:00:00 時点';

/** 2026-09 … 2027-11; branches 001 本店 and 002 駅前支店 (002 only from December). */
export function expiryReport(): ExpiryReport {
  const months = Array.from({ length: 15 }, (_, i) => {
    const index = 2026 * 12 + 8 + i;
    const month = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
    const branches = [{ code: '001', name: '本店', count: i + 1 }];
    if (i >= 3) branches.push({ code: '002', name: '駅前支店', count: 10 });
    return {
      month,
      total: branches.reduce((sum, b) => sum + b.count, 0),
      branches,
    };
  });
  return { ...REPORT_HEADER, months };
}

export function expiredUser(
  n: number,
  overrides: Partial<ExpiredUserRow> = {},
): ExpiredUserRow {
  return {
    branchCode: '001',
    branchName: '本店',
    contractNumber: String(n).padStart(10, '0'),
    companyName: `株式会社山田商事${n}`,
    companyNameKana: 'ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ',
    ibRole: 'administrator',
    loginId: `${String(n).padStart(10, '0')}A0`,
    ibUserName: '山田 太郎',
    email: 'taro@example.jp',
    expiryDate: '2026-11-01',
    daysSinceExpiry: 30,
    selfServiceUntil: '2027-01-30',
    customerId: `cust-${n}`,
    ibUserId: `user-${n}`,
    ...overrides,
  };
}

export function expiredUsers(
  items: ExpiredUserRow[],
  nextCursor: string | null = null,
): ExpiredUsersReport {
  return { ...REPORT_HEADER, items, nextCursor };
}

/** A completed request: approved after 5時間30分, acquired 1日17時間 after the approval. */
export function reissueRow(
  n: number,
  overrides: Partial<ReissueHistoryRow> = {},
): ReissueHistoryRow {
  return {
    id: `reissue-${n}`,
    requestedAt: '2026-11-10T01:00:00.000Z',
    status: 'completed',
    reason: 'lost_device',
    reasonText: null,
    identityCheck: '届出印の照合',
    formReceivedOn: '2026-11-10',
    branchCode: '001',
    branchName: '本店',
    customerId: `cust-${n}`,
    contractNumber: String(n).padStart(10, '0'),
    companyName: `株式会社山田商事${n}`,
    ibUserId: `user-${n}`,
    loginId: `${String(n).padStart(10, '0')}A0`,
    ibUserName: '山田 太郎',
    ibRole: 'administrator',
    requestedBy: '営業店 花子',
    decidedBy: '役席 一郎',
    decidedAt: '2026-11-10T06:30:00.000Z',
    minutesToApproval: 330,
    authorizedUntil: '2027-01-28',
    acquiredAt: '2026-11-12T00:00:00.000Z',
    minutesToAcquisition: 2490,
    ...overrides,
  };
}

export function reissueHistory(
  items: ReissueHistoryRow[],
  nextCursor: string | null = null,
): ReissueHistoryReport {
  return {
    ...REPORT_HEADER,
    summary: {
      total: 3,
      byStatus: {
        pending: 1,
        authorized: 0,
        completed: 2,
        expired: 0,
        rejected: 0,
        cancelled: 0,
      },
      approval: {
        count: 2,
        averageMinutes: 885,
        medianMinutes: 885,
        maxMinutes: 1440,
      },
      acquisition: {
        count: 0,
        averageMinutes: null,
        medianMinutes: null,
        maxMinutes: null,
      },
    },
    items,
    nextCursor,
  };
}

export function noticeDay(
  day: string,
  milestone: number | null,
  counts: Partial<NoticeDeliveryDay> = {},
): NoticeDeliveryDay {
  const reissue = milestone === null;
  return {
    day,
    kind: reissue ? 'reissue_ready' : 'renewal_reminder',
    milestone,
    label: reissue
      ? '電子証明書再発行手続き完了のご案内（メール）'
      : `有効期限の${milestone}日前`,
    kindLabel: reissue
      ? '電子証明書再発行手続き完了のご案内（メール）'
      : '電子証明書更新のご案内（メール）',
    sent: 0,
    failed: 0,
    cancelled: 0,
    skipped: 0,
    pending: 0,
    ...counts,
  };
}

/** 11/20: 30日前 3 sent 1 failed, 10日前 2 sent 1 cancelled; 11/21: reissue-ready 1 sent. */
export function noticeDelivery(): NoticeDeliveryReport {
  return {
    ...REPORT_HEADER,
    days: [
      noticeDay('2026-11-20', 30, { sent: 3, failed: 1 }),
      noticeDay('2026-11-20', 10, { sent: 2, cancelled: 1 }),
      noticeDay('2026-11-21', null, { sent: 1 }),
    ],
    totals: { sent: 6, failed: 1, cancelled: 1, skipped: 0, pending: 0 },
    milestones: [
      { milestone: 30, label: '有効期限の30日前' },
      { milestone: 10, label: '有効期限の10日前' },
    ],
  };
}

@Component({ selector: 'cd-customer-stub', template: 'ご契約先' })
class CustomerStub {}

/**
 * レポート at `/reports` (as the app routes it), signed in as compliance, with downloads recorded
 * instead of saved.
 */
export class ReportsPageTest extends RoutedPageTest {
  readonly saved: { file: Blob; filename: string }[];

  constructor() {
    const saved: { file: Blob; filename: string }[] = [];
    super(
      [
        { path: 'reports', component: ReportsPage },
        { path: 'customers/:id', component: CustomerStub },
      ],
      [
        {
          provide: AuthService,
          useValue: {
            session: signal(sessionFixture('compliance')),
            policy: signal({ selfServiceDaysAfterExpiry: 90 }),
          },
        },
        {
          provide: FileDownload,
          useValue: {
            save: (file: Blob, filename: string) =>
              saved.push({ file, filename }),
          },
        },
      ],
    );
    this.saved = saved;
  }

  /** The one pending request to `path` (query parameters aside). */
  request(path: string): TestRequest {
    return this.http.expectOne((req) => req.url === path);
  }

  /** Answers a request and lets the page render the answer. */
  async answer(req: TestRequest, body: object): Promise<void> {
    req.flush(body);
    await this.rendered();
  }

  /** Renders until `[data-testid=testId]` shows (an error body read from a Blob takes a few ticks). */
  async shown(testId: string): Promise<void> {
    for (let i = 0; i < 50 && !this.text(testId); i++) await this.rendered();
  }
}

/** The calling `describe`'s ReportsPageTest, a new one for each test (see eachTest). */
export function reportsPageTest(): ReportsPageTest {
  return eachTest(() => new ReportsPageTest());
}
