/**
 * Notice kinds (docs/domain.md "Notices"): which channel each uses and how staff see it.
 * `renewal_reminder` serves every renewal milestone (d ≥ 0, with `daysLeft`); `locked_out` and
 * `last_chance` the post-expiry milestones (libs/domain `noticeKindForMilestone`); `reissue_ready`
 * is sent when a reissue is approved; `important_notice_renewal` is shown inside IB after log-on.
 */
import { NOTICE_KINDS, NoticeChannel, NoticeKind } from '@certdesk/domain';

/** The kinds and channels are defined once, in libs/domain. */
export { NOTICE_KINDS };
export type { NoticeChannel, NoticeKind };

export interface NoticeKindInfo {
  readonly kind: NoticeKind;
  readonly channel: NoticeChannel;
  /** What staff see, e.g. 「更新のご案内（メール）」. */
  readonly label: string;
  /** When it is used, in Japanese. */
  readonly description: string;
}

export const NOTICE_KIND_INFO: Readonly<Record<NoticeKind, NoticeKindInfo>> =
  Object.freeze({
    renewal_reminder: {
      kind: 'renewal_reminder',
      channel: 'email',
      label: '電子証明書更新のご案内（メール）',
      description:
        '有効期限の前の通知日（既定: 30日前・10日前）に送るメールです。',
    },
    important_notice_renewal: {
      kind: 'important_notice_renewal',
      channel: 'important_notice',
      label: '電子証明書の更新をお願いします（重要なお知らせ）',
      description:
        '更新期間中、法人IBサービスのログオン後の「重要なお知らせ」画面に表示します。',
    },
    locked_out: {
      kind: 'locked_out',
      channel: 'email',
      label: '電子証明書有効期限切れのご案内（メール）',
      description:
        '有効期限日を過ぎた後の最初の通知日（既定: 1日後、初期設定では送信しない）に送るメールです。',
    },
    last_chance: {
      kind: 'last_chance',
      channel: 'email',
      label: '電子証明書取得期限のご案内（メール）',
      description:
        '再取得できる期限が近づいたとき（既定: 有効期限の80日後、初期設定では送信しない）に送るメールです。',
    },
    reissue_ready: {
      kind: 'reissue_ready',
      channel: 'email',
      label: '電子証明書再発行手続き完了のご案内（メール）',
      description:
        '再発行が承認され、ログオン画面の「電子証明書取得」から取得できるようになったときに送るメールです。',
    },
  });

export function isNoticeKind(value: unknown): value is NoticeKind {
  return (
    typeof value === 'string' &&
    (NOTICE_KINDS as readonly string[]).includes(value)
  );
}

/** Limits checked when a template is saved (characters of the template text). */
export const TEMPLATE_LIMITS = Object.freeze({
  subjectMaxLength: 100,
  bodyMaxLength: 4000,
  renderedBodyMaxLength: 8000,
});
