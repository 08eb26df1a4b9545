import type { HealthResponse } from '@certdesk/contracts';

/** A healthy demo API on the e2e's fixed clock (2026-12-01 09:00 JST). */
export function healthFixture(
  overrides: Partial<HealthResponse> = {},
): HealthResponse {
  return {
    status: 'ok',
    database: { type: 'sqlite', reachable: true },
    now: '2026-12-01T00:00:00.000Z',
    today: '2026-12-01',
    fixedClock: true,
    version: '0.0.0-test',
    ...overrides,
  };
}
