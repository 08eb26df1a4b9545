import type { SessionInfo, StaffRoleName } from '@certdesk/contracts';
import { ROLE_PERMISSIONS, STAFF_ROLE_LABELS } from '@certdesk/domain';

/** A demo staff member of さくら信用金庫 (1001) with the permissions the domain gives the role. */
export function sessionFixture(
  role: StaffRoleName = 'manager',
  overrides: Partial<SessionInfo> = {},
): SessionInfo {
  return {
    staffId: `staff-${role}`,
    username: `${role}-1001`,
    displayName: `デモ ${STAFF_ROLE_LABELS[role]}`,
    role,
    creditUnion: {
      id: 'cu-1001',
      code: '1001',
      name: 'さくら信用金庫',
      selfServiceDaysAfterExpiry: 90,
    },
    mustChangePassword: false,
    permissions: [...ROLE_PERMISSIONS[role]],
    expiresAt: '2026-12-01T08:00:00.000Z',
    idleTimeoutSeconds: 1800,
    secondFactor: {
      state: 'not_required',
      required: false,
      enrolled: false,
      provenAt: null,
    },
    ...overrides,
  };
}
