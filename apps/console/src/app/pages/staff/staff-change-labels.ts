import type { StaffChangeRequestView } from '@certdesk/contracts';
import { STAFF_ROLE_LABELS } from '@certdesk/domain';

/** What a pending change does, as the 承認待ち list says it: 「権限の変更（営業店 → 役席）」. */
export function staffChangeLabel(change: StaffChangeRequestView): string {
  const role = (r: StaffChangeRequestView['role']) =>
    r ? STAFF_ROLE_LABELS[r] : '';
  switch (change.kind) {
    case 'create':
      return `職員の追加（${role(change.role)}）`;
    case 'role':
      return `権限の変更（${role(change.fromRole)} → ${role(change.role)}）`;
    case 'reset_password':
      return 'パスワード再発行';
    case 'reset_factors':
      return '二要素認証のリセット';
  }
}

export const PENDING_NOTE =
  '承認待ちになりました（別のシステム管理者の承認で反映されます）';
