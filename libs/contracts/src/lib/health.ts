/** `GET /api/health` — public; says whether the database answers and what day the app believes it is. */
export interface HealthResponse {
  status: 'ok' | 'degraded';
  database: { type: 'sqlite' | 'postgres'; reachable: boolean };
  /** The injected clock's current instant (ISO-8601, UTC). */
  now: string;
  /** Today's calendar date in Asia/Tokyo, `YYYY-MM-DD`. */
  today: string;
  /** True when `CERTDESK_NOW` pins the clock (demo and tests). */
  fixedClock: boolean;
  version: string;
}
