import type { StaffRole } from './roles';

/**
 * Dual control over the staff accounts that can decide things (docs/domain.md "Staff roles and permissions"):
 * one admin alone could otherwise create both a requester and an approver. Granting `manager` or
 * `admin` (a new account or a role change) and resetting another admin's password need a second
 * admin of the same credit union; everything else in 職員管理 takes effect at once.
 */
export const STAFF_CHANGE_KINDS = Object.freeze([
  'create',
  'role',
  'reset_password',
  /** Removing every second factor of another member: always under dual control (issue 21). */
  'reset_factors',
] as const);
export type StaffChangeKind = (typeof STAFF_CHANGE_KINDS)[number];

export const STAFF_CHANGE_STATUSES = Object.freeze([
  'pending',
  'approved',
  'rejected',
  'cancelled',
] as const);
export type StaffChangeStatus = (typeof STAFF_CHANGE_STATUSES)[number];

/** Roles that may decide (reissues, revocations) or manage staff: granting one needs a second admin. */
export const DUAL_CONTROL_ROLES: readonly StaffRole[] = Object.freeze([
  'manager',
  'admin',
] as const);

/** Whether giving an account `role` (on creation or by a change) waits for a second admin. */
export function grantNeedsApproval(role: StaffRole): boolean {
  return DUAL_CONTROL_ROLES.includes(role);
}

/** Whether resetting the password of an account with `role` waits for a second admin. */
export function passwordResetNeedsApproval(role: StaffRole): boolean {
  return role === 'admin';
}

export type StaffChangeRefusal = 'own_request' | 'own_account';

/**
 * Who may approve or reject: an admin other than the requester, and not the account the change is
 * about (an admin does not approve a reset of their own password). Null when allowed.
 */
export function staffChangeRefusal(
  request: { requestedById: string; staffId: string | null },
  deciderId: string,
): StaffChangeRefusal | null {
  if (request.requestedById === deciderId) return 'own_request';
  if (request.staffId !== null && request.staffId === deciderId)
    return 'own_account';
  return null;
}
