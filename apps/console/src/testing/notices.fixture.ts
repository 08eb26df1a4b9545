import type {
  NoticeDeliveryDetail,
  NoticeDeliveryItem,
  NoticeDeliveryPage,
  NoticeRunView,
  NoticeSchedule,
  NoticeTemplateDetail,
  NoticeTemplateDiff,
  NoticeTemplatePreview,
  NoticeTemplateSummary,
  NoticeTemplateVersion,
} from '@certdesk/contracts';
import type { NoticeChannel } from '@certdesk/domain';

const AT = '2026-12-01T00:00:00.000Z';

/** `GET /api/notice-templates` of a credit union that has a draft of the renewal reminder. */
export function templateSummaries(): NoticeTemplateSummary[] {
  const kinds: [NoticeTemplateSummary['kind'], string, NoticeChannel][] = [
    ['renewal_reminder', '電子証明書更新のご案内（メール）', 'email'],
    [
      'important_notice_renewal',
      '電子証明書の更新をお願いします（重要なお知らせ）',
      'important_notice',
    ],
    ['locked_out', '電子証明書有効期限切れのご案内（メール）', 'email'],
    ['last_chance', '電子証明書取得期限のご案内（メール）', 'email'],
    ['reissue_ready', '電子証明書再発行手続き完了のご案内（メール）', 'email'],
  ];
  return kinds.map(([kind, label, channel]) => ({
    kind,
    channel,
    label,
    description: `${label}の説明`,
    publishedVersion: 1,
    publishedAt: AT,
    publishedBy: null,
    draftVersion: kind === 'renewal_reminder' ? 2 : null,
    draftUpdatedAt:
      kind === 'renewal_reminder' ? '2026-12-01T01:30:00.000Z' : null,
  }));
}

export function templateVersion(
  overrides: Partial<NoticeTemplateVersion> = {},
): NoticeTemplateVersion {
  return {
    id: 'v1',
    version: 1,
    status: 'published',
    subject: '電子証明書更新のご案内',
    body: '{{ companyName }}\n{{ userName }} 様\n有効期限日: {{ expiryDate | jdate }}',
    createdAt: AT,
    createdBy: null,
    updatedAt: AT,
    publishedAt: AT,
    publishedBy: null,
    ...overrides,
  };
}

/** The renewal reminder's editor data: version 1 in use, and `draft` if given. */
export function templateDetail(
  draft: Partial<NoticeTemplateVersion> | null = null,
  overrides: Partial<NoticeTemplateDetail> = {},
): NoticeTemplateDetail {
  const published = templateVersion();
  const open = draft
    ? templateVersion({
        id: 'v2',
        version: 2,
        status: 'draft',
        createdBy: 'manager-1001',
        updatedAt: '2026-12-01T01:30:00.000Z',
        publishedAt: null,
        ...draft,
      })
    : null;
  return {
    kind: 'renewal_reminder',
    channel: 'email',
    label: '電子証明書更新のご案内（メール）',
    description: '有効期限の前の通知日に送るメールです。',
    published,
    draft: open,
    history: open ? [open, published] : [published],
    variables: [
      {
        name: 'companyName',
        label: 'ご契約先名',
        description: 'ご契約先（法人）の名称',
        type: 'text',
        example: '株式会社さくら精機',
      },
      {
        name: 'userName',
        label: 'IB利用者名',
        description: '氏名',
        type: 'text',
        example: '山田 太郎',
      },
      {
        name: 'expiryDate',
        label: '有効期限日',
        description: '有効期限日',
        type: 'date',
        example: '2026年12月25日(金)',
      },
      {
        name: 'daysLeft',
        label: '有効期限までの日数',
        description: 'あと何日か',
        type: 'number',
        example: '10',
      },
    ],
    filters: [
      {
        name: 'jdate',
        description: '日付を西暦で表示します',
        example: '2026年12月25日(金)',
      },
      {
        name: 'wareki',
        description: '日付を和暦で表示します',
        example: '令和8年12月25日(金)',
      },
    ],
    limits: { subjectMaxLength: 100, bodyMaxLength: 4000 },
    ...overrides,
  };
}

export function templatePreview(
  overrides: Partial<NoticeTemplatePreview> = {},
): NoticeTemplatePreview {
  return {
    kind: 'renewal_reminder',
    channel: 'email',
    subject: '電子証明書更新のご案内',
    text: '株式会社さくら精機\n山田 太郎 様\n有効期限日: 2026年12月11日(金)',
    html: null,
    templateVersion: null,
    sample: true,
    ibUser: null,
    recipient: null,
    values: {
      companyName: '株式会社さくら精機',
      userName: '山田 太郎',
      expiryDate: '2026-12-11',
      daysLeft: 10,
    },
    today: '2026-12-01',
    problems: [],
    ...overrides,
  };
}

export function templateDiff(
  overrides: Partial<NoticeTemplateDiff> = {},
): NoticeTemplateDiff {
  return {
    kind: 'renewal_reminder',
    publishedVersion: 1,
    draftVersion: 2,
    changed: true,
    subject: [
      { op: 'delete', text: '電子証明書更新のご案内' },
      { op: 'insert', text: '【重要】電子証明書更新のご案内' },
    ],
    body: [{ op: 'equal', text: '{{ companyName }}' }],
    ...overrides,
  };
}

export function deliveryItem(
  n: number,
  overrides: Partial<NoticeDeliveryItem> = {},
): NoticeDeliveryItem {
  return {
    id: `notice-${n}`,
    kind: 'renewal_reminder',
    kindLabel: '電子証明書更新のご案内（メール）',
    milestone: 10,
    milestoneLabel: '有効期限の10日前',
    status: 'sent',
    statusLabel: '送信済み',
    reason: null,
    recipient: `user${n}@c0000000001.example.jp`,
    customer: {
      id: 'cust-1',
      contractNumber: '0000000001',
      companyName: '株式会社山田商事',
    },
    ibUser: { id: `user-${n}`, name: '山田 太郎', ibRole: 'administrator' },
    expiryDate: '2026-12-11',
    businessDate: '2026-12-01',
    attempts: 1,
    nextAttemptAt: null,
    sentAt: '2026-12-01T00:00:05.000Z',
    createdAt: AT,
    templateVersion: 1,
    subject: '電子証明書更新のご案内',
    messageId: `<notice-${n}@certdesk.localhost>`,
    resendable: false,
    ...overrides,
  };
}

/** A notice that the mail server refused for good. */
export function failedDelivery(n: number): NoticeDeliveryItem {
  return deliveryItem(n, {
    status: 'failed',
    statusLabel: '送信失敗',
    reason: 'メールサーバーが宛先を拒否しました',
    sentAt: null,
    attempts: 5,
    resendable: true,
  });
}

export function deliveryDetail(
  item: NoticeDeliveryItem,
  overrides: Partial<NoticeDeliveryDetail> = {},
): NoticeDeliveryDetail {
  return {
    ...item,
    body: '株式会社山田商事\n山田 太郎 様',
    smtpResponse: '250 OK',
    lastError: null,
    ...overrides,
  };
}

export function deliveryPage(
  items: NoticeDeliveryItem[],
  nextCursor: string | null = null,
): NoticeDeliveryPage {
  return { items, nextCursor };
}

export function noticeSchedule(
  overrides: Partial<NoticeSchedule> = {},
): NoticeSchedule {
  return {
    milestones: [30, 10],
    reissueReadyEnabled: true,
    explained: [
      { milestone: 30, label: '有効期限の30日前', kind: 'renewal_reminder' },
      { milestone: 10, label: '有効期限の10日前', kind: 'renewal_reminder' },
    ],
    postExpiryOptions: [
      { milestone: -1, label: '有効期限の1日後', kind: 'locked_out' },
      { milestone: -80, label: '有効期限の80日後', kind: 'last_chance' },
    ],
    policy: { renewalWindowDays: 30, selfServiceDaysAfterExpiry: 90 },
    dailyRunAt: '06:00',
    updatedAt: null,
    updatedBy: null,
    ...overrides,
  };
}

export function noticeRun(
  overrides: Partial<NoticeRunView> = {},
): NoticeRunView {
  return {
    id: 'run-1',
    trigger: 'schedule',
    status: 'done',
    phase: 'done',
    businessDate: '2026-12-01',
    startedAt: AT,
    finishedAt: AT,
    requestedBy: null,
    candidates: 194,
    planned: 194,
    counts: {
      pending: 0,
      sending: 0,
      sent: 190,
      failed: 3,
      given_up: 0,
      skipped: 1,
      cancelled: 0,
    },
    progress: 1,
    error: null,
    ...overrides,
  };
}
