import type { StaffAccount } from '@certdesk/contracts';

export type StaffStatus = 'active' | 'disabled' | 'locked' | 'awaiting_change';

export const STAFF_STATUS_LABELS: Readonly<Record<StaffStatus, string>> = {
  active: '有効',
  disabled: '無効',
  locked: 'ロック中',
  awaiting_change: '初回変更待ち',
};

/** The one state that matters most to an admin: 無効 over ロック中 over 初回変更待ち over 有効. */
export function staffStatus(account: StaffAccount): StaffStatus {
  if (account.disabled) return 'disabled';
  if (account.locked) return 'locked';
  if (account.mustChangePassword) return 'awaiting_change';
  return 'active';
}
