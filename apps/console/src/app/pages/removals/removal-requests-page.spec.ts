import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { RemovalRequestView } from '@certdesk/contracts';
import { settle } from '../../../testing/http';
import { sessionFixture } from '../../../testing/session.fixture';
import { AuthService } from '../../core/auth/auth.service';
import { RemovalRequestsPage } from './removal-requests-page';

function request(
  overrides: Partial<RemovalRequestView> = {},
): RemovalRequestView {
  return {
    id: 'rr-1',
    status: 'pending',
    statusLabel: '承認待ち',
    fileName: 'full-1001.csv',
    fileSha256: 'ab'.repeat(32),
    closedCustomers: 12,
    removedIbUsers: 30,
    activeCustomers: 100,
    activeIbUsers: 250,
    thresholdPercent: 5,
    requestedBy: { id: 'someone-else', name: 'デモ 役席2' },
    requestedAt: '2026-12-01T00:00:00.000Z',
    decidedBy: null,
    decidedAt: null,
    decisionComment: null,
    ...overrides,
  };
}

describe('RemovalRequestsPage / 削除・解約の承認', () => {
  let http: HttpTestingController;

  async function open(list: RemovalRequestView[]) {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    const signedIn = TestBed.inject(AuthService).login({
      username: 'manager-1001',
      password: 'x',
    });
    http.expectOne('/api/auth/login').flush(sessionFixture('manager'));
    await signedIn;
    const fixture = TestBed.createComponent(RemovalRequestsPage);
    http.expectOne('/api/removal-requests').flush(list);
    await settle();
    fixture.detectChanges();
    await fixture.whenStable();
    return fixture;
  }

  const click = (root: HTMLElement, text: string) => {
    const button = Array.from(root.querySelectorAll('button')).find(
      (b) => b.textContent?.trim() === text,
    );
    if (!button) throw new Error(`no button ${text}`);
    button.click();
  };

  afterEach(() => http.verify());

  it('says when nothing waits', async () => {
    const f = await open([]);
    expect(f.nativeElement.textContent).toContain(
      '承認待ちの削除・解約はありません',
    );
  });

  it('approves after a second confirmation and shows what was applied', async () => {
    const f = await open([request()]);
    const root = f.nativeElement as HTMLElement;
    expect(root.textContent).toContain('IB利用者 30 名（250 名中、基準 5%）');
    click(root, '承認');
    f.detectChanges();
    http.expectNone('/api/removal-requests/rr-1/approve');
    expect(root.textContent).toContain('元に戻せません');
    click(root, '承認して適用する');
    http
      .expectOne({ method: 'POST', url: '/api/removal-requests/rr-1/approve' })
      .flush({
        closedCustomers: 12,
        removedIbUsers: 30,
        revokedCertificates: 28,
        cancelledReissues: 1,
      });
    await settle();
    http
      .expectOne('/api/removal-requests')
      .flush([
        request({ status: 'approved', statusLabel: '承認済み（適用済み）' }),
      ]);
    await settle();
    f.detectChanges();
    expect(root.textContent).toContain(
      'ご契約先 12 件を解約、IB利用者 30 名を削除、電子証明書 28 件を失効しました',
    );
    expect(root.textContent).toContain('承認済み（適用済み）');
  });

  it('offers only 取り消す on one’s own import, and shows a refusal', async () => {
    const mine = request({
      requestedBy: { id: sessionFixture('manager').staffId, name: '私' },
    });
    const f = await open([mine]);
    const root = f.nativeElement as HTMLElement;
    expect(
      Array.from(root.querySelectorAll('button')).map((b) =>
        b.textContent?.trim(),
      ),
    ).toEqual(['取り消す']);
    click(root, '取り消す');
    f.detectChanges();
    click(root, '取り消す');
    http.expectOne('/api/removal-requests/rr-1/cancel').flush(
      {
        statusCode: 409,
        message: 'この削除・解約は既に処理されています。画面を更新してください',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    http.expectOne('/api/removal-requests').flush([mine]);
    await settle();
    f.detectChanges();
    expect(root.textContent).toContain('既に処理されています');
  });
});
