import type {
  NoticeChannelName,
  NoticeRunView,
  NoticeTemplateVersion,
} from '@certdesk/contracts';
import type { MilestoneNoticeKind, Permission } from '@certdesk/domain';

/** The pages of 通知テンプレート, in tab order; `anyOf` as the API guards them (docs/domain.md roles). */
export const NOTICE_TABS = [
  {
    path: '',
    label: 'テンプレート',
    title: '通知テンプレート',
    anyOf: ['templates.read'],
  },
  {
    path: 'log',
    label: '送信履歴',
    title: '通知の送信履歴',
    anyOf: ['certificates.read'],
  },
  {
    path: 'schedule',
    label: '通知スケジュール',
    title: '通知スケジュール',
    anyOf: ['templates.read'],
  },
  {
    path: 'runs',
    label: '今すぐ実行',
    title: '通知の実行',
    anyOf: ['notices.run'],
  },
] as const satisfies readonly {
  path: string;
  label: string;
  title: string;
  anyOf: readonly Permission[];
}[];

export type NoticeTab = (typeof NOTICE_TABS)[number];

export function noticeTab(path: NoticeTab['path']): NoticeTab {
  return NOTICE_TABS.find((t) => t.path === path) as NoticeTab;
}

/** The states of `GET /api/notices?status=` as the API labels them (statusLabel): the domain's one table. */
export { NOTICE_DELIVERY_STATUS_LABELS as DELIVERY_STATUS_LABELS } from '@certdesk/domain';

export const CHANNEL_LABELS: Readonly<Record<NoticeChannelName, string>> = {
  email: 'メール',
  important_notice: '重要なお知らせ',
};

/** What the first line of a template is called on its channel. */
export const SUBJECT_LABELS: Readonly<Record<NoticeChannelName, string>> = {
  email: '件名',
  important_notice: 'タイトル',
};

export const RUN_TRIGGER_LABELS: Readonly<
  Record<NoticeRunView['trigger'], string>
> = {
  schedule: '定時実行',
  manual: '今すぐ実行',
};

export const RUN_PHASE_LABELS: Readonly<
  Record<NoticeRunView['phase'], string>
> = {
  planning: '送信対象を抽出しています',
  sending: '送信しています',
  done: '完了',
};

export const RUN_STATUS_LABELS: Readonly<
  Record<NoticeRunView['status'], string>
> = {
  running: '実行中',
  done: '完了',
  failed: '失敗',
};

/** 「第2版」. */
export function versionLabel(version: number): string {
  return `第${version}版`;
}

/** Who wrote a version: the shipped default has no author. */
export function authorLabel(by: string | null): string {
  return by ?? '初期設定';
}

/** A version's state in the history: the open draft, the one in use, or an earlier one. */
export function versionState(
  v: NoticeTemplateVersion,
  publishedVersion: number,
): string {
  if (v.status === 'draft') return '下書き';
  return v.version === publishedVersion ? '公開中' : '過去の版';
}

/** The mail each milestone sends (libs/domain `noticeKindForMilestone`), by its usual subject. */
export const MILESTONE_KIND_LABELS: Readonly<
  Record<MilestoneNoticeKind, string>
> = {
  renewal_reminder: '電子証明書更新のご案内',
  locked_out: '電子証明書有効期限切れのご案内',
  last_chance: '電子証明書取得期限のご案内',
};
