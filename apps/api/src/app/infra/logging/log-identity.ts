import type { Request } from 'express';

/** Who a request acted for, as the guards established it (for the access log). */
export interface LogIdentity {
  staffId?: string;
  ibUserId?: string;
}

const IDENTITY = Symbol('certdesk.logIdentity');
type WithIdentity = Request & { [IDENTITY]?: LogIdentity };

/** Called by the staff session guard and the IB certificate log-on once they know who it is. */
export function noteLogIdentity(req: Request, identity: LogIdentity): void {
  const r = req as WithIdentity;
  r[IDENTITY] = { ...r[IDENTITY], ...identity };
}

export function logIdentityOf(req: Request): LogIdentity {
  return (req as WithIdentity)[IDENTITY] ?? {};
}
