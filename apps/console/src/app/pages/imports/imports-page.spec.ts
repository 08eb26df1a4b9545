import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { ImportRunDetail } from '@certdesk/contracts';
import { ImportsPage } from './imports-page';

const counts = (created: number, changed = 0, unchanged = 0, removed = 0) => ({
  created,
  changed,
  unchanged,
  removed,
});

function run(overrides: Partial<ImportRunDetail> = {}): ImportRunDetail {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    source: 'upload',
    status: 'planned',
    fileName: '顧客.csv',
    fileSize: 2048,
    sha256: 'a'.repeat(64),
    encoding: 'cp932',
    full: false,
    lines: 3,
    errorCount: 0,
    createdByName: 'デモ 役席',
    createdAt: '2026-12-01T00:00:00.000Z',
    decidedByName: null,
    finishedAt: null,
    summary: {
      customers: counts(1, 1, 2),
      ibUsers: counts(2, 0, 1),
      certificates: counts(1, 0, 0),
      branches: 0,
      unchangedLines: 1,
      removals: null,
    },
    message: null,
    changes: [
      {
        kind: 'customer',
        key: '0000000002',
        name: '株式会社ｶﾅ商事',
        fields: [{ field: '会社名カナ', before: 'ｶﾅｼﾖｳｼﾞ', after: 'ｶﾅｼｮｳｼﾞ' }],
      },
    ],
    removals: [],
    errors: [],
    progress: null,
    ...overrides,
  };
}

describe('ImportsPage / 取込', () => {
  let fixture: ComponentFixture<ImportsPage>;
  let http: HttpTestingController;
  const page = () => fixture.nativeElement as HTMLElement;
  const byTestId = (id: string) =>
    page().querySelector(`[data-testid="${id}"]`) as HTMLElement | null;
  const button = (label: string) =>
    Array.from(page().querySelectorAll('button')).find(
      (b) => b.textContent?.trim() === label,
    ) as HTMLButtonElement | undefined;

  async function chooseAndCheck(answer: ImportRunDetail): Promise<void> {
    const input = byTestId('import-file') as HTMLInputElement;
    const file = new File(['x'], '顧客.csv', { type: 'text/csv' });
    Object.defineProperty(input, 'files', { value: [file] });
    input.dispatchEvent(new Event('change'));
    button('内容を確認')?.click();
    const req = http.expectOne(
      (r) => r.url === '/api/imports' && r.method === 'POST',
    );
    expect(req.request.params.get('name')).toBe('顧客.csv');
    expect(req.request.params.get('full')).toBe('false');
    req.flush(answer);
    await fixture.whenStable();
    http.match('/api/imports').forEach((r) => r.flush([]));
    await fixture.whenStable();
  }

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [ImportsPage],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ImportsPage);
    await fixture.whenStable();
    http.expectOne('/api/imports').flush([]);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('shows the check: counts per kind, the encoding and changed fields old → new', async () => {
    await chooseAndCheck(run());
    expect(byTestId('import-status')?.textContent?.trim()).toBe(
      '確認済み（未取込）',
    );
    expect(byTestId('import-check')?.textContent).toContain(
      'Shift_JIS（CP932）',
    );
    const rows = Array.from(
      byTestId('import-counts')?.querySelectorAll('tbody tr') ?? [],
    );
    expect(
      rows.map((r) =>
        Array.from(r.children)
          .map((c) => c.textContent?.trim())
          .join(' '),
      ),
    ).toEqual(['ご契約先 1 1 2 0', 'IB利用者 2 0 1 0', '電子証明書 1 0 0 0']);
    expect(byTestId('import-changes')?.textContent).toContain('→ ｶﾅｼｮｳｼﾞ');
    expect(button('取り込む')).toBeDefined();
    expect(button('取消')).toBeDefined();
  });

  it('lists every bad line and offers no 取り込む', async () => {
    await chooseAndCheck(
      run({
        status: 'rejected',
        summary: null,
        changes: [],
        errorCount: 2,
        errors: [
          { line: 3, message: '3行目: branch_code「1」は3桁の数字…' },
          { line: 5, message: '5行目: ib_role が空です…' },
        ],
      }),
    );
    const lines = Array.from(
      byTestId('import-errors')?.querySelectorAll('tbody tr') ?? [],
    );
    expect(
      lines.map((r) => r.querySelector('td')?.textContent?.trim()),
    ).toEqual(['3行目', '5行目']);
    expect(button('取り込む')).toBeUndefined();
  });

  it('applies, shows the progress bar while writing, then the result', async () => {
    await chooseAndCheck(run());
    jest.useFakeTimers();
    try {
      button('取り込む')?.click();
      http
        .expectOne((r) => r.url.endsWith('/apply'))
        .flush(run({ status: 'applying', progress: { done: 50, total: 200 } }));
      await jest.advanceTimersByTimeAsync(0);
      fixture.detectChanges();
      expect(page().textContent).toContain('書き込み中… 50 / 200 件');
      expect(page().querySelector('mat-progress-bar')).not.toBeNull();
      await jest.advanceTimersByTimeAsync(500);
      http
        .expectOne(`/api/imports/${run().id}`)
        .flush(run({ status: 'applied' }));
      await jest.advanceTimersByTimeAsync(0);
      http.expectOne('/api/imports').flush([]);
      await jest.advanceTimersByTimeAsync(0);
      fixture.detectChanges();
      expect(page().textContent).toContain('取り込みました。');
    } finally {
      jest.useRealTimers();
    }
  });
});
