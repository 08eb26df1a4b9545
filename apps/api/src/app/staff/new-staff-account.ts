import type { StaffUser } from './staff-user.entity';

/**
 * A new account's state: its one-time password must be changed at the first sign-in; neither
 * disabled nor locked.
 */
export const NEW_STAFF_ACCOUNT = Object.freeze({
  mustChangePassword: true,
  disabledAt: null,
  failedLoginCount: 0,
  lockedUntil: null,
} as const satisfies Partial<StaffUser>);
