import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type {
  AuditLastVerification,
  AuditPage as AuditPageBody,
  AuditRecord,
} from '@certdesk/contracts';
import { settle } from '../../../testing/http';
import { AuditPage } from './audit-page';

export function record(
  seq: number,
  overrides: Partial<AuditRecord> = {},
): AuditRecord {
  return {
    id: `a${seq}`,
    seq,
    occurredAt: '2026-11-30T15:04:05.000Z',
    actorType: 'staff',
    actorId: 'staff-1',
    actorName: 'デモ 役席（さくら信用金庫）',
    action: 'auth.login',
    targetType: null,
    targetId: null,
    outcome: 'success',
    ip: '192.0.2.10',
    requestId: `r${seq}`,
    details: {},
    hash: `h${seq}`,
    ...overrides,
  };
}

/** The audit page at `/audit`, its query parameters bound to its inputs as in the app. */
export class AuditPageTest {
  readonly http: HttpTestingController;
  harness!: RouterTestingHarness;
  loader!: HarnessLoader;

  constructor() {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(
          [{ path: 'audit', component: AuditPage }],
          withComponentInputBinding(),
        ),
        {
          provide: MATERIAL_ANIMATIONS,
          useValue: { animationsDisabled: true },
        },
      ],
    });
    this.http = TestBed.inject(HttpTestingController);
  }

  /** What `GET /api/audit/verification` answers when the page opens (a test may set another). */
  lastVerification: AuditLastVerification = { last: null, lastHead: null };

  async open(url: string): Promise<void> {
    this.harness = await RouterTestingHarness.create(url);
    this.loader = TestbedHarnessEnvironment.loader(this.harness.fixture);
    await settle();
    this.answerLastVerification();
  }

  /** Answers the pending `GET /api/audit/verification` requests with {@link lastVerification}. */
  answerLastVerification(): void {
    for (const req of this.http.match('/api/audit/verification'))
      req.flush(this.lastVerification);
  }

  /** The one pending `GET /api/audit`. */
  listRequest(): TestRequest {
    return this.http.expectOne((req) => req.url === '/api/audit');
  }

  /** Answers a request and lets the page render the answer. */
  async answer(req: TestRequest, body: AuditPageBody | object): Promise<void> {
    req.flush(body);
    await this.rendered();
  }

  async rendered(): Promise<void> {
    await settle();
    await this.harness.fixture.whenStable();
  }

  get element(): HTMLElement {
    return this.harness.routeNativeElement as HTMLElement;
  }
}
