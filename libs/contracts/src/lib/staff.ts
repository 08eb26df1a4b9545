import type { StaffChangeKind, StaffChangeStatus } from '@certdesk/domain';
import type { StaffRoleName } from './auth';
import type { DualControlRecord } from './dual-control';

/** A staff account as the admin's 職員管理 page shows it. */
export interface StaffAccount {
  id: string;
  username: string;
  displayName: string;
  role: StaffRoleName;
  disabled: boolean;
  locked: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  updatedAt: string;
}

/** `POST /api/staff` body; the server chooses the one-time password. */
export interface CreateStaffRequest {
  username: string;
  displayName: string;
  role: StaffRoleName;
}

/** `PATCH /api/staff/:id` body. */
export interface UpdateStaffRequest {
  role?: StaffRoleName;
  displayName?: string;
  disabled?: boolean;
}

/** Answer of create and of `POST /api/staff/:id/reset-password`: shown once, never stored in clear. */
export interface OneTimePasswordResponse {
  account: StaffAccount;
  oneTimePassword: string;
}

/** libs/domain `StaffChangeKind`. */
export type StaffChangeKindName = StaffChangeKind;
/** libs/domain `StaffChangeStatus`. */
export type StaffChangeStatusName = StaffChangeStatus;

/**
 * A staff change waiting for (or decided by) a second admin: granting `manager` or `admin`, or
 * resetting another admin's password. `GET /api/staff-change-requests` lists them.
 */
export interface StaffChangeRequestView extends DualControlRecord {
  id: string;
  kind: StaffChangeKindName;
  status: StaffChangeStatusName;
  /** The account concerned; null for a creation not yet approved. */
  staffId: string | null;
  username: string;
  displayName: string;
  /** The role asked for (create, role); null for a password reset. */
  role: StaffRoleName | null;
  /** The account's role when asked (role change); null otherwise. */
  fromRole: StaffRoleName | null;
}

/**
 * Answer (202) of create, role change and reset when the change waits for a second admin. A role
 * change sent with other fields applies those at once (`account`).
 */
export interface StaffChangePending {
  pendingChange: StaffChangeRequestView;
  account?: StaffAccount;
}

/** `POST /api/staff-change-requests/:id/approve` and `/reject` (comment required to reject). */
export interface StaffChangeDecisionRequest {
  comment?: string;
}

/**
 * Answer of approve / reject / cancel. An approved creation or password reset carries the one-time
 * password, shown once to the approving admin (the requester never sees it).
 */
export interface StaffChangeDecision {
  request: StaffChangeRequestView;
  account?: StaffAccount;
  oneTimePassword?: string;
}
