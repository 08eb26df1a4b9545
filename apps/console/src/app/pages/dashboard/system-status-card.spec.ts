import type { HttpTestingController } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HarnessLoader } from '@angular/cdk/testing';
import { MatCardHarness } from '@angular/material/card/testing';
import { MatChipHarness } from '@angular/material/chips/testing';
import type { HealthResponse } from '@certdesk/contracts';
import { healthFixture } from '../../../testing/health.fixture';
import { fakeApi } from '../../../testing/http';
import { SystemStatusCard } from './system-status-card';

describe('SystemStatusCard / システム状態', () => {
  let fixture: ComponentFixture<SystemStatusCard>;
  let loader: HarnessLoader;
  let http: HttpTestingController;

  beforeEach(async () => {
    http = fakeApi();
    fixture = TestBed.createComponent(SystemStatusCard);
    loader = TestbedHarnessEnvironment.loader(fixture);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  async function answer(body: HealthResponse): Promise<void> {
    http.expectOne('/api/health').flush(body);
    await fixture.whenStable();
  }

  const text = (testId: string) =>
    (fixture.nativeElement as HTMLElement)
      .querySelector(`[data-testid="${testId}"]`)
      ?.textContent?.trim();

  it('renders the card titled システム状態, loading at first', async () => {
    const card = await loader.getHarness(MatCardHarness);
    expect(await card.getTitleText()).toBe('システム状態');
    expect(await card.getText()).toContain('読み込み中');
    await answer(healthFixture());
  });

  it('shows database, reachability and the business date from GET /api/health', async () => {
    await answer(healthFixture());
    expect(text('database-type')).toBe('SQLite');
    expect(text('database-reachable')).toBe('正常');
    expect(text('business-date')).toContain('2026年12月1日(火)');
    const chip = await loader.getHarness(MatChipHarness);
    expect(await chip.getText()).toBe('固定日付（デモ）');
  });

  it('shows PostgreSQL unreachable as 異常 and no chip on a real clock', async () => {
    await answer(
      healthFixture({
        status: 'degraded',
        database: { type: 'postgres', reachable: false },
        today: '2026-12-25',
        fixedClock: false,
      }),
    );
    expect(text('database-type')).toBe('PostgreSQL');
    expect(text('database-reachable')).toBe('異常');
    expect(text('business-date')).toBe('2026年12月25日(金)');
    expect(await loader.getAllHarnesses(MatChipHarness)).toHaveLength(0);
  });

  it('says so when the health check cannot be read', async () => {
    http
      .expectOne('/api/health')
      .flush(null, { status: 500, statusText: 'Internal Server Error' });
    await fixture.whenStable();
    const card = await loader.getHarness(MatCardHarness);
    expect(await card.getText()).toContain(
      'システム状態を取得できませんでした',
    );
  });
});
