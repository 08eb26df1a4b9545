import type { TestRequest } from '@angular/common/http/testing';
import type {
  AuditLastVerification,
  AuditPage as AuditPageBody,
  AuditRecord,
} from '@certdesk/contracts';
import { RoutedPageTest } from '../../../testing/routed-page';
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

/** The audit page at `/audit`, as the app routes it. */
export class AuditPageTest extends RoutedPageTest {
  constructor() {
    super([{ path: 'audit', component: AuditPage }]);
  }

  /** What `GET /api/audit/verification` answers when the page opens (a test may set another). */
  lastVerification: AuditLastVerification = { last: null, lastHead: null };

  override async open(url: string): Promise<void> {
    await super.open(url);
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
}
