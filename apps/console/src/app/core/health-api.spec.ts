import { TestBed } from '@angular/core/testing';
import type { HealthResponse } from '@certdesk/contracts';
import { firstValueFrom } from 'rxjs';
import { healthFixture } from '../../testing/health.fixture';
import { eachTest, fakeApi } from '../../testing/http';
import { HealthApi } from './health-api';

describe('HealthApi', () => {
  const t = eachTest(() => ({
    http: fakeApi(),
    api: TestBed.inject(HealthApi),
  }));

  it('GETs the relative /api/health', async () => {
    const result = firstValueFrom(t.api.get());
    const req = t.http.expectOne('/api/health');
    expect(req.request.method).toBe('GET');
    req.flush(healthFixture());
    await expect(result).resolves.toEqual(healthFixture());
  });

  it('passes on a 503 that carries a degraded health body', async () => {
    const degraded: HealthResponse = healthFixture({
      status: 'degraded',
      database: { type: 'postgres', reachable: false },
    });
    const result = firstValueFrom(t.api.get());
    t.http
      .expectOne('/api/health')
      .flush(degraded, { status: 503, statusText: 'Service Unavailable' });
    await expect(result).resolves.toEqual(degraded);
  });

  it('fails on other errors', async () => {
    const result = firstValueFrom(t.api.get());
    t.http
      .expectOne('/api/health')
      .flush('boom', { status: 502, statusText: 'Bad Gateway' });
    await expect(result).rejects.toMatchObject({ status: 502 });
  });
});
