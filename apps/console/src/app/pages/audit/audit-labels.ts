import type {
  AuditLastVerification,
  AuditRecord,
  AuditVerification,
} from '@certdesk/contracts';
import { formatJstDateTime } from '../../core/jst-datetime';

/**
 * Japanese names of the audit actions the API records. An action missing here is shown by its code,
 * so a new API action never disappears from the log; add its name here when it appears.
 */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  'auth.login': 'ログイン',
  'auth.logout': 'ログアウト',
  'auth.locked': 'アカウントのロック',
  'auth.password_change': 'パスワード変更',
  'access.denied': '権限のない操作',
  'staff.create': '職員の追加',
  'staff.update': '職員の変更',
  'staff.reset_password': 'パスワード再発行',
  'staff_change.request': '職員の変更の依頼（承認待ち）',
  'staff_change.approve': '職員の変更の承認',
  'staff_change.reject': '職員の変更の却下',
  'staff_change.cancel': '職員の変更の依頼取消',
  'customer.view': 'ご契約先の閲覧',
  'reissue.approve': '再発行の承認',
  'reissue.reject': '再発行の却下',
  'audit.verify': 'チェーン検証',
};

export const AUDIT_OUTCOME_LABELS: Readonly<
  Record<AuditRecord['outcome'], string>
> = {
  success: '成功',
  denied: '拒否',
  failure: '失敗',
};

const ACTOR_TYPE_LABELS: Readonly<Record<AuditRecord['actorType'], string>> = {
  staff: '職員',
  ib_user: 'IB利用者',
  system: 'システム',
  anonymous: '未認証',
};

const TARGET_TYPE_LABELS: Readonly<Record<string, string>> = {
  staff_user: '職員',
  staff_change_request: '職員の変更依頼',
  customer: 'ご契約先',
  ib_user: 'IB利用者',
  certificate: '電子証明書',
  reissue: '再発行',
  template: '通知テンプレート',
  credit_union: '信用金庫',
};

const BROKEN_REASONS: Readonly<
  Record<NonNullable<AuditVerification['firstBroken']>['reason'], string>
> = {
  hash_mismatch:
    '記録の内容がハッシュ値と一致しません（内容が書き換えられた可能性があります）',
  link_mismatch: '直前の記録とのつながり（ハッシュ連鎖）が一致しません',
  missing: '記録が欠落しています（削除された可能性があります）',
  truncated:
    '署名済みの記録より後ろが削除されています（末尾の記録が消された可能性があります）',
  head_mismatch:
    '署名済みの記録と内容が一致しません（書き換えられた可能性があります）',
  head_forged:
    '署名の正しくない記録が見つかりました（不正に追加された可能性があります）',
  downgraded:
    '鍵のないハッシュに置き換えられた記録があります（書き換えられた可能性があります）',
};

export function actionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

export function outcomeLabel(r: AuditRecord): string {
  return AUDIT_OUTCOME_LABELS[r.outcome] ?? r.outcome;
}

/** Who did it: the staff member's name, else their id, else the kind of actor. */
export function actorLabel(r: AuditRecord): string {
  return r.actorName ?? r.actorId ?? ACTOR_TYPE_LABELS[r.actorType];
}

/** What was acted on: its kind, and for a staff account its username (recorded in `details`) over its id. */
export function targetLabel(r: AuditRecord): string {
  if (!r.targetType) return '';
  const type = TARGET_TYPE_LABELS[r.targetType] ?? r.targetType;
  const username = r.details['username'];
  const name =
    r.targetType === 'staff_user' && typeof username === 'string'
      ? username
      : r.targetId;
  return name ? `${type} ${name}` : type;
}

/** 改ざんは検出されませんでした（N件を検証） / 第N番の記録で不整合を検出しました: … */
export function verificationMessage(v: AuditVerification): string {
  const checked = v.checked.toLocaleString('ja-JP');
  if (v.intact) {
    return `改ざんは検出されませんでした（${checked}件を検証）`;
  }
  if (!v.firstBroken) {
    return `不整合を検出しました（${checked}件を検証）`;
  }
  return `第${v.firstBroken.seq}番の記録で不整合を検出しました: ${BROKEN_REASONS[v.firstBroken.reason]}`;
}

/**
 * The last verification (daily or on demand) in one line: when, how, the result, and the last signed
 * head — e.g. 最終検証 2026/12/06 00:30:00（毎日の自動検証）: 改ざんは検出されませんでした（1,234件を検証）.
 */
export function lastVerificationMessage(v: AuditLastVerification): string {
  const head = !v.lastHead
    ? ''
    : v.lastHead.seq > 0
      ? ` 署名済みの最新記録: 第${v.lastHead.seq.toLocaleString('ja-JP')}番（${formatJstDateTime(v.lastHead.recordedAt)} 記録）`
      : ` 署名済みの最新記録: なし（${formatJstDateTime(v.lastHead.recordedAt)} 時点で記録0件）`;
  if (!v.last)
    return `まだ検証されていません（毎日自動で検証されます）。${head}`.trim();
  const how = v.last.scheduled ? '毎日の自動検証' : '手動の検証';
  return `最終検証 ${formatJstDateTime(v.last.verifiedAt)}（${how}）: ${verificationMessage(v.last)}。${head}`.trim();
}
