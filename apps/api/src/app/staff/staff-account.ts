import type { StaffAccount } from '@certdesk/contracts';
import type { StaffUser } from './staff-user.entity';

/** The admin's view of an account; never the hash. */
export function toStaffAccount(staff: StaffUser, now: Date): StaffAccount {
  return {
    id: staff.id,
    username: staff.username,
    displayName: staff.displayName,
    role: staff.role,
    disabled: staff.disabledAt !== null,
    locked:
      staff.lockedUntil !== null && staff.lockedUntil.getTime() > now.getTime(),
    mustChangePassword: staff.mustChangePassword,
    createdAt: staff.createdAt.toISOString(),
    updatedAt: staff.updatedAt.toISOString(),
  };
}
