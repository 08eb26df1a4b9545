import type { StaffRoleName } from './auth';

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
