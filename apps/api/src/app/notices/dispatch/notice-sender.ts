import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  describeTemplateError,
  noticeContext,
  renderNotice,
} from '@certdesk/notice-templates';
import { CreditUnion } from '../../credit-unions/credit-union.entity';
import { Customer } from '../../customers/customer.entity';
import { IbUser } from '../../customers/ib-user.entity';
import { Clock } from '../../infra/clock/clock';
import { AppConfig } from '../../infra/config/config';
import { APP_CONFIG } from '../../infra/config/app-config.module';
import { Mailer } from '../mail/mailer';
import {
  classifySendError,
  isMailAddress,
  retryDelayMs,
} from '../mail/smtp-errors';
import {
  NoticeScheduleService,
  ScheduleSettings,
} from '../schedule/notice-schedule.service';
import { noticeFactsOf, recipientOf } from '../templates/notice-facts';
import { NoticeTemplate } from '../templates/notice-template.entity';
import { NoticeTemplateStore } from '../templates/notice-template.repository';
import {
  isRenderTimeout,
  renderUnstarved,
} from '../templates/render-unstarved';
import { mootReason } from './moot';
import { NoticeJobs } from './notice-jobs';
import {
  NoticeOutbox,
  OutboxStatus,
  zeroPerStatus,
} from './notice-outbox.entity';
import { OutboxStore } from './notice-outbox.repository';

/** Rows a sender claims at a time. */
export const CLAIM_BATCH = 20;
/** A claimed row is sent only while its lease has at least this long to run (longer than a send can take). */
const LEASE_MARGIN_MS = 60_000;

/** Why a notice was given up (shown on 送信履歴, where a manager may resend it). */
export const givenUpReason = (attempts: number): string =>
  `${attempts}回送信を試みても送信できなかったため、送信を中止しました。メールサーバーを確認のうえ再送してください`;

export type DrainResult = Record<OutboxStatus, number>;

/** Rows and settings a batch shares (loaded once per batch). */
interface BatchData {
  ibUsers: Map<string, IbUser>;
  customers: Map<string, Customer>;
  creditUnions: Map<string, CreditUnion>;
  settings: Map<string, ScheduleSettings>;
  /** Published template per credit union and kind, loaded on first use in the batch. */
  templates: Map<string, Promise<NoticeTemplate>>;
  /** Attempts counted ({@link OutboxStore.begin}) while the previous row's outcome was being written. */
  begun: Map<string, Promise<boolean>>;
}

/** Why a claimed row is settled without a mail: its status and what to record. */
type Verdict = { status: OutboxStatus; patch: Partial<NoticeOutbox> };

/**
 * Sends what the outbox holds: claims due rows (see {@link OutboxStore}), drops the moot ones,
 * renders the published template with today's facts, sends over pooled SMTP and records the
 * outcome with the exact text and template version. Transient failures come back with
 * exponential back-off until `NOTICE_MAX_ATTEMPTS`, then the notice is `given_up`; permanent ones
 * are marked failed (a manager may resend either).
 */
@Injectable()
export class NoticeSender {
  private readonly logger = new Logger('NoticeSender');
  /** `NOTICE_MAX_ATTEMPTS`: attempts (renders and sends, see {@link OutboxStore.begin}) before a notice is given up. */
  private readonly maxAttempts: number;

  constructor(
    private readonly outbox: OutboxStore,
    private readonly mailer: Mailer,
    private readonly templates: NoticeTemplateStore,
    private readonly schedules: NoticeScheduleService,
    private readonly jobs: NoticeJobs,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.maxAttempts = config.ops.noticeMaxAttempts;
  }

  /** Claims and sends until nothing is due (rows waiting for their back-off stay for later). */
  async drain(creditUnionId?: string): Promise<DrainResult> {
    const result: DrainResult = zeroPerStatus();
    while (!this.jobs.closing) {
      const rows = await this.outbox.claim(
        this.clock.now(),
        CLAIM_BATCH,
        creditUnionId,
      );
      if (rows.length === 0) break;
      for (const status of await this.sendClaimed(rows)) result[status]++;
    }
    return result;
  }

  /** Drains in the background (after a resend or a reissue approval), without waiting for the worker. */
  kick(creditUnionId?: string): void {
    this.jobs.start('notice drain', () => this.drain(creditUnionId));
  }

  /**
   * Sends rows this process has claimed, one message at a time: a crash can then leave at most one
   * mail accepted by the server but not recorded (sent again after the lease: one duplicate per crash).
   * The next row's attempt is counted while this row's outcome is written (two statements at once,
   * one wait); the next mail still goes out only once both are done.
   * Each resolves to the status written (`sending` when the lease was lost).
   */
  async sendClaimed(rows: NoticeOutbox[]): Promise<OutboxStatus[]> {
    const data = await this.load(rows);
    const statuses: OutboxStatus[] = [];
    for (const [i, row] of rows.entries())
      statuses.push(await this.deliver(row, data, rows[i + 1]));
    return statuses;
  }

  private async load(rows: NoticeOutbox[]): Promise<BatchData> {
    const byId = <T extends { id: string }>(list: T[]) =>
      new Map(list.map((x) => [x.id, x]));
    const { ibUsers, customers, creditUnions } =
      await this.outbox.related(rows);
    const settings = new Map<string, ScheduleSettings>();
    for (const cu of creditUnions)
      settings.set(cu.id, await this.schedules.settingsFor(cu));
    return {
      ibUsers: byId(ibUsers),
      customers: byId(customers),
      creditUnions: byId(creditUnions),
      settings,
      templates: new Map(),
      begun: new Map(),
    };
  }

  /** The outcome of a row that gets no mail (moot, nowhere to send), or null when it is to be sent. */
  private verdict(row: NoticeOutbox, data: BatchData): Verdict | null {
    const ibUser = data.ibUsers.get(row.ibUserId) as IbUser;
    const customer = data.customers.get(row.customerId) as Customer;
    const settings = data.settings.get(row.creditUnionId) as ScheduleSettings;
    const moot = mootReason(row, ibUser, settings, this.clock.today());
    if (moot) return { status: 'cancelled', patch: { statusReason: moot } };
    const recipient = recipientOf(ibUser, customer);
    if (!recipient)
      return {
        status: 'skipped',
        patch: {
          statusReason:
            'メールアドレス（IB利用者・ご契約先とも）が登録されていないため送信できません',
        },
      };
    if (!isMailAddress(recipient))
      return {
        status: 'failed',
        patch: {
          recipient,
          statusReason: 'メールアドレスの形式が正しくないため送信できません',
        },
      };
    return null;
  }

  private async deliver(
    row: NoticeOutbox,
    data: BatchData,
    next: NoticeOutbox | undefined,
  ): Promise<OutboxStatus> {
    const now = this.clock.now();
    // A batch slowed down by a stalled server must not send on a lease about to pass to another sender.
    if (
      !row.leaseUntil ||
      now.getTime() > row.leaseUntil.getTime() - LEASE_MARGIN_MS
    )
      return 'sending';
    const today = this.clock.today();
    const ibUser = data.ibUsers.get(row.ibUserId) as IbUser;
    const customer = data.customers.get(row.customerId) as Customer;
    const cu = data.creditUnions.get(row.creditUnionId) as CreditUnion;
    const settle = async (
      status: OutboxStatus,
      patch: Partial<NoticeOutbox> = {},
    ): Promise<OutboxStatus> => {
      const settled = this.outbox.settle(row, {
        status,
        updatedAt: now,
        ...patch,
      });
      if (next && !this.verdict(next, data)) {
        const begun = this.outbox.begin(next);
        begun.catch(() => undefined); // awaited (and thrown) when `next` is delivered
        data.begun.set(next.id, begun);
      }
      const ours = await settled;
      if (!ours)
        this.logger.warn(
          `notice ${row.id}: lease lost before the outcome (${status}) was written`,
        );
      return ours ? status : 'sending';
    };
    const verdict = this.verdict(row, data);
    if (verdict) return settle(verdict.status, verdict.patch);
    const recipient = recipientOf(ibUser, customer) as string;
    // An attempt counts from here, on this row only: a sender killed while rendering or sending it
    // charges this notice (one that keeps killing its senders is given up), not the rest of its batch.
    // (Counted already when it was begun while the previous row's outcome was being written.)
    const begun = data.begun.get(row.id) ?? this.outbox.begin(row);
    if (!(await begun)) return 'sending';
    if (row.attempts > this.maxAttempts)
      return settle('given_up', {
        recipient,
        statusReason: givenUpReason(this.maxAttempts),
      });

    const key = `${cu.id}:${row.kind}`;
    if (!data.templates.has(key))
      data.templates.set(key, this.templates.published(cu.id, row.kind));
    const template = await (data.templates.get(key) as Promise<NoticeTemplate>);
    let rendered: { subject: string; text: string };
    try {
      rendered = renderUnstarved(() =>
        renderNotice(
          row.kind,
          template,
          noticeContext(
            row.kind,
            noticeFactsOf(cu, customer, ibUser, today, row.acquisitionDeadline),
          ),
        ),
      );
    } catch (error) {
      // The published template passed its timing check: still over the time limit means a starved
      // CPU (a busy process), not a bad template — try again later, like a busy mail server.
      if (isRenderTimeout(error))
        return settle(
          row.attempts >= this.maxAttempts ? 'given_up' : 'pending',
          {
            recipient,
            templateVersion: template.version,
            nextAttemptAt: new Date(now.getTime() + retryDelayMs(row.attempts)),
            statusReason:
              row.attempts >= this.maxAttempts
                ? givenUpReason(this.maxAttempts)
                : describeTemplateError(error).slice(0, 200),
          },
        );
      return settle('failed', {
        recipient,
        templateVersion: template.version,
        statusReason:
          `テンプレートの差し込みに失敗しました: ${describeTemplateError(error)}`.slice(
            0,
            200,
          ),
      });
    }
    const text = {
      recipient,
      templateVersion: template.version,
      subject: rendered.subject.slice(0, 200),
      body: rendered.text,
    };
    try {
      const sent = await this.mailer.send({
        fromName: cu.name,
        to: recipient,
        subject: rendered.subject,
        text: rendered.text,
        noticeId: row.id,
      });
      return settle('sent', {
        ...text,
        messageId: sent.messageId,
        smtpResponse: sent.response.slice(0, 500),
        sentAt: now,
        statusReason: null,
        lastError: null,
      });
    } catch (error) {
      const failure = classifySendError(error);
      if (!failure.transient)
        return settle('failed', {
          ...text,
          statusReason: failure.reason,
          lastError: failure.detail,
        });
      if (row.attempts >= this.maxAttempts)
        return settle('given_up', {
          ...text,
          statusReason: givenUpReason(this.maxAttempts),
          lastError: failure.detail,
        });
      const nextAttemptAt = new Date(
        now.getTime() + retryDelayMs(row.attempts),
      );
      return settle('pending', {
        ...text,
        nextAttemptAt,
        statusReason: failure.reason,
        lastError: failure.detail,
      });
    }
  }
}
