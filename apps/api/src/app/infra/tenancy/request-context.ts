import { AsyncLocalStorage } from 'node:async_hooks';
import type { StaffRole } from '@certdesk/domain';
import type { CreditUnion } from '../../credit-unions/credit-union.entity';

/** The signed-in staff member, as the session guard resolved them. */
export interface StaffPrincipal {
  staffId: string;
  username: string;
  displayName: string;
  role: StaffRole;
  creditUnionId: string;
  sessionId: string;
  mustChangePassword: boolean;
  /** The session's second factor (see auth/second-factor); absent outside a request's guard. */
  secondFactor?: {
    enrolled: boolean;
    required: boolean;
    provenAt: Date | null;
  };
}

/** Per-request state, opened by middleware around the whole request and filled by the guard. */
export interface RequestContext {
  requestId: string;
  ip: string | null;
  principal?: StaffPrincipal;
  /** The principal's credit union row, read with the session (see {@link TenantScope.creditUnion}). */
  creditUnion?: CreditUnion;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(context: RequestContext, fn: () => T): T {
    return storage.run(context, fn);
  },
  current(): RequestContext | undefined {
    return storage.getStore();
  },
};
