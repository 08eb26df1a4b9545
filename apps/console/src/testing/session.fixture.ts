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

/** Where each role lands after signing in, and the navigation's sections it sees, in order. */
export const HOME_AND_SECTIONS: readonly (readonly [
  StaffRoleName,
  string,
  readonly string[],
])[] = [
  [
    'branch_staff',
    '/dashboard',
    ['ダッシュボード', '証明書検索', '再発行', '通知テンプレート'],
  ],
  [
    'compliance',
    '/dashboard',
    [
      'ダッシュボード',
      '証明書検索',
      '通知テンプレート',
      'レポート',
      '監査ログ',
    ],
  ],
  [
    'manager',
    '/dashboard',
    [
      'ダッシュボード',
      '証明書検索',
      '再発行',
      '通知テンプレート',
      'レポート',
      '監査ログ',
      '取込',
      '削除・解約の承認',
    ],
  ],
  ['admin', '/staff', ['職員管理', '取込', '削除・解約の承認']],
];
