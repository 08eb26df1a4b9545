import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import {
  Router,
  provideRouter,
  withComponentInputBinding,
} from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type {
  ExpiredUserRow,
  ExpiredUsersReport,
  ExpiryReport,
  ReportHeader,
} from '@certdesk/contracts';
import { settle } from '../../../testing/http';
import { sessionFixture } from '../../../testing/session.fixture';
import { AuthService } from '../../core/auth/auth.service';
import { FileDownload } from '../../core/file-download';
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

@Component({ selector: 'cd-customer-stub', template: 'ご契約先' })
class CustomerStub {}

/**
 * レポート at `/reports` (query parameters bound to inputs as in the app), signed in as compliance,
 * with downloads recorded instead of saved.
 */
export class ReportsPageTest {
  readonly http: HttpTestingController;
  readonly saved: { file: Blob; filename: string }[] = [];
  harness!: RouterTestingHarness;
  loader!: HarnessLoader;

  constructor() {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(
          [
            { path: 'reports', component: ReportsPage },
            { path: 'customers/:id', component: CustomerStub },
          ],
          withComponentInputBinding(),
        ),
        {
          provide: MATERIAL_ANIMATIONS,
          useValue: { animationsDisabled: true },
        },
        {
          provide: AuthService,
          useValue: { session: signal(sessionFixture('compliance')) },
        },
        {
          provide: FileDownload,
          useValue: {
            save: (file: Blob, filename: string) =>
              this.saved.push({ file, filename }),
          },
        },
      ],
    });
    this.http = TestBed.inject(HttpTestingController);
  }

  async open(url: string): Promise<void> {
    this.harness = await RouterTestingHarness.create(url);
    this.loader = TestbedHarnessEnvironment.loader(this.harness.fixture);
    await this.rendered();
  }

  get url(): string {
    return TestBed.inject(Router).url;
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

  async rendered(): Promise<void> {
    await settle();
    await this.harness.fixture.whenStable();
  }

  /** Renders until `[data-testid=testId]` shows (an error body read from a Blob takes a few ticks). */
  async shown(testId: string): Promise<void> {
    for (let i = 0; i < 50 && !this.text(testId); i++) await this.rendered();
  }

  get element(): HTMLElement {
    return this.harness.routeNativeElement as HTMLElement;
  }

  text(testId: string): string {
    return (
      this.element
        .querySelector(`[data-testid="${testId}"]`)
        ?.textContent?.replace(/\s+/g, ' ')
        .trim() ?? ''
    );
  }
}
