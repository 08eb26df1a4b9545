import type {
  IbRole,
  NoticeChannel,
  NoticeDeliveryStatus,
  NoticeKind,
} from '@certdesk/domain';
/**
 * Notice templates, schedule, runs and the delivery log (`/api/notice-templates`, `/api/notice-schedule`,
 * `/api/notice-runs`, `/api/notices`, `/api/dev/mailbox`). Kinds and variables are described by
 * libs/notice-templates; these are the shapes on the wire.
 */

/** libs/domain `NoticeKind`. */
export type NoticeKindName = NoticeKind;
/** libs/domain `NoticeChannel`: `email` (plain text, no links) or `important_notice` (重要なお知らせ inside IB, HTML). */
export type NoticeChannelName = NoticeChannel;

/** A template version's state: `draft`, at most one per kind, editable; `published`, frozen. */
export const NOTICE_TEMPLATE_STATUSES = ['draft', 'published'] as const;
export type NoticeTemplateStatus = (typeof NOTICE_TEMPLATE_STATUSES)[number];

/** One version of a template. */
export interface NoticeTemplateVersion {
  id: string;
  version: number;
  status: NoticeTemplateStatus;
  subject: string;
  body: string;
  createdAt: string;
  /** Staff username; null for the shipped default. */
  createdBy: string | null;
  updatedAt: string;
  publishedAt: string | null;
  publishedBy: string | null;
}

/** `GET /api/notice-templates`: one line per kind. */
export interface NoticeTemplateSummary {
  kind: NoticeKindName;
  channel: NoticeChannelName;
  label: string;
  description: string;
  publishedVersion: number;
  publishedAt: string | null;
  publishedBy: string | null;
  /** Version number of the open draft, if any. */
  draftVersion: number | null;
  draftUpdatedAt: string | null;
}

/** A variable managers may write as `{{ name }}` (dates with `| jdate` or `| wareki`). */
export interface NoticeVariableInfo {
  name: string;
  label: string;
  description: string;
  type: 'text' | 'date' | 'number' | 'link';
  example: string;
}

export interface NoticeFilterInfo {
  name: string;
  description: string;
  example: string;
}

/** `GET /api/notice-templates/:kind`: the editor's data. */
export interface NoticeTemplateDetail {
  kind: NoticeKindName;
  channel: NoticeChannelName;
  label: string;
  description: string;
  published: NoticeTemplateVersion;
  draft: NoticeTemplateVersion | null;
  /** Newest first (at most 20), the draft included. */
  history: NoticeTemplateVersion[];
  variables: NoticeVariableInfo[];
  filters: NoticeFilterInfo[];
  limits: { subjectMaxLength: number; bodyMaxLength: number };
}

/**
 * `PUT /api/notice-templates/:kind/draft` (validated: syntax, variables, length, no URL in e-mail;
 * refusals are 400 `ApiError` with `details[].field` `subject` or `body`).
 */
export interface SaveNoticeTemplateDraftRequest {
  subject: string;
  body: string;
}

/**
 * `POST /api/notice-templates/:kind/preview`. Text: the given `subject`/`body` (unsaved editor
 * content), else the `source` version (default: draft if any, else published). Data: the IB user
 * `ibUserId` of the staff member's credit union, else sample data.
 */
export interface NoticeTemplatePreviewRequest {
  subject?: string;
  body?: string;
  source?: NoticeTemplateStatus;
  ibUserId?: string;
}

export interface NoticeTemplatePreview {
  kind: NoticeKindName;
  channel: NoticeChannelName;
  subject: string;
  /** Plain text (the e-mail as sent, or the 重要なお知らせ without markup). */
  text: string;
  /** 重要なお知らせ only: escaped HTML with the renewal link. */
  html: string | null;
  /** The version previewed; null for unsaved editor content. */
  templateVersion: number | null;
  sample: boolean;
  ibUser: {
    id: string;
    name: string;
    ibRole: IbRole;
    companyName: string;
  } | null;
  /** Where the e-mail would go (IB user's address, else the customer's contact address). */
  recipient: string | null;
  /** The values used, for the variable palette. */
  values: Record<string, string | number>;
  today: string;
  /** Problems of unsaved text (preview still answers 200 so the editor can show them live). */
  problems: { field: string; reason: string }[];
}

export interface NoticeTemplateDiffLine {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** `GET /api/notice-templates/:kind/diff`: draft against the published version. */
export interface NoticeTemplateDiff {
  kind: NoticeKindName;
  publishedVersion: number;
  draftVersion: number | null;
  changed: boolean;
  subject: NoticeTemplateDiffLine[];
  body: NoticeTemplateDiffLine[];
}

/** `GET /api/notice-schedule`. A milestone is days before expiry (30) or after it (−1). */
export interface NoticeSchedule {
  milestones: number[];
  reissueReadyEnabled: boolean;
  /** Each milestone explained: 「有効期限の30日前」 → 電子証明書更新のご案内. */
  explained: { milestone: number; label: string; kind: NoticeKindName }[];
  /** Post-expiry notices a manager can switch on (off by default). */
  postExpiryOptions: {
    milestone: number;
    label: string;
    kind: NoticeKindName;
  }[];
  policy: { renewalWindowDays: number; selfServiceDaysAfterExpiry: number };
  /** Daily run, JST `HH:MM`. */
  dailyRunAt: string;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** `PUT /api/notice-schedule` (validated with libs/domain `validateMilestones`). */
export interface UpdateNoticeScheduleRequest {
  milestones: number[];
  reissueReadyEnabled?: boolean;
}

/** A notice's delivery status (the domain's `NOTICE_DELIVERY_STATUSES`). */
export type NoticeStatusName = NoticeDeliveryStatus;

/** `POST /api/notice-runs` (今すぐ実行) answers 202 with this. */
export interface NoticeRunStarted {
  id: string;
}

/** `GET /api/notice-runs/:id` and the items of `GET /api/notice-runs`. */
export interface NoticeRunView {
  id: string;
  trigger: 'schedule' | 'manual';
  status: 'running' | 'done' | 'failed';
  phase: 'planning' | 'sending' | 'done';
  businessDate: string;
  startedAt: string;
  finishedAt: string | null;
  requestedBy: string | null;
  /** IB users whose expiry fell in a milestone window (asked `dueNotice`). */
  candidates: number;
  /** Notices this run queued. */
  planned: number;
  /** Of the notices this run queued, by status now. */
  counts: Record<NoticeStatusName, number>;
  /** 0 … 1: share of the planned notices that reached a final status. */
  progress: number;
  error: string | null;
}

export interface NoticeRunList {
  items: NoticeRunView[];
}

/** `GET /api/notices?status=&milestone=&kind=&from=&to=&cursor=&limit=` (from/to: JST dates of creation). */
export interface NoticeDeliveryQuery {
  status?: NoticeStatusName;
  milestone?: number;
  kind?: NoticeKindName;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

export interface NoticeDeliveryItem {
  id: string;
  kind: NoticeKindName;
  kindLabel: string;
  milestone: number | null;
  /** 「有効期限の30日前」, or null for reissue_ready. */
  milestoneLabel: string | null;
  status: NoticeStatusName;
  statusLabel: string;
  /** Why skipped, cancelled or failed, in Japanese. */
  reason: string | null;
  recipient: string | null;
  customer: { id: string; contractNumber: string; companyName: string };
  ibUser: { id: string; name: string; ibRole: IbRole };
  expiryDate: string | null;
  businessDate: string;
  attempts: number;
  nextAttemptAt: string | null;
  sentAt: string | null;
  createdAt: string;
  templateVersion: number | null;
  subject: string | null;
  messageId: string | null;
  /** Failed notices can be resent by a manager. */
  resendable: boolean;
}

/** `GET /api/notices/:id`: with the exact text sent. */
export interface NoticeDeliveryDetail extends NoticeDeliveryItem {
  body: string | null;
  smtpResponse: string | null;
  lastError: string | null;
}

export interface NoticeDeliveryPage {
  items: NoticeDeliveryItem[];
  nextCursor: string | null;
}

/** `GET /api/dev/mailbox`: what the in-process SMTP server received (demo only). */
export interface MailboxMessage {
  messageId: string | null;
  from: string | null;
  to: string[];
  subject: string;
  text: string;
  receivedAt: string;
}

export interface Mailbox {
  smtp: { host: string; port: number };
  messages: MailboxMessage[];
}
