import type { Permission, StaffRole } from '@certdesk/domain';
import type { SecondFactorStatus } from './second-factor';

/** Staff roles: libs/domain `StaffRole`. */
export type StaffRoleName = StaffRole;

/** `POST /api/auth/login` body. */
export interface LoginRequest {
  username: string;
  password: string;
}

/** `GET /api/auth/me`, and the answer of a successful log-in. */
export interface SessionInfo {
  staffId: string;
  username: string;
  displayName: string;
  role: StaffRoleName;
  /** `selfServiceDaysAfterExpiry`: the credit union's limit the staff labels name (再発行が必要（90日超過）). */
  creditUnion: {
    id: string;
    code: string;
    name: string;
    selfServiceDaysAfterExpiry: number;
  };
  /** True after an admin created or reset the account: only the password change is open. */
  mustChangePassword: boolean;
  /** What the navigation may offer (libs/domain `Permission`). */
  permissions: Permission[];
  /** When the session ends at the latest (absolute limit), ISO-8601. */
  expiresAt: string;
  /** Idle limit in seconds (the session ends after this long without a request). */
  idleTimeoutSeconds: number;
  /** The second factor of this session (passkey or one-time code). */
  secondFactor: SecondFactorStatus;
}

/** `POST /api/auth/password` body. */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}
