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

/** One check of `GET /api/health/ready`; `error` says why it fails. */
export interface ReadinessCheck {
  ok: boolean;
  error?: string;
}

/**
 * `GET /api/health/ready` — public; 200 when this process can serve (the database answers, no
 * migration of this build is pending, every CA key opens), 503 naming the failing checks otherwise.
 */
export interface ReadinessResponse {
  status: 'ready' | 'not_ready';
  failing: ('database' | 'migrations' | 'caKeys')[];
  checks: {
    database: ReadinessCheck;
    migrations: ReadinessCheck & { pending?: string[] };
    caKeys: ReadinessCheck;
  };
}
