import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type {
  NoticeDeliveryDetail,
  NoticeDeliveryItem,
  NoticeDeliveryPage,
} from '@certdesk/contracts';
import {
  describeMilestone,
  NOTICE_DELIVERY_STATUS_LABELS,
} from '@certdesk/domain';
import { NOTICE_KIND_INFO } from '@certdesk/notice-templates';
import { AuditService } from '../../audit/audit.service';
import { decodeCursor, encodeCursor } from '../../certificates/search-cursor';
import { Customer } from '../../customers/customer.entity';
import { IbUser } from '../../customers/ib-user.entity';
import { Clock } from '../../infra/clock/clock';
import { Transactions } from '../../infra/database/transactions';
import { AppError } from '../../infra/http/app-error';
import { assertPeriod } from '../../infra/http/period';
import { TenantScope } from '../../infra/tenancy/tenant-scope';
import { NoticeOutbox, OutboxStatus } from '../dispatch/notice-outbox.entity';
import { NoticeSender } from '../dispatch/notice-sender';
import { NoticeLogQueryDto } from './notice-log.dto';

const DEFAULT_LIMIT = 50;

/** A manager may send these again (a resend starts a fresh count of attempts). */
const RESENDABLE: readonly OutboxStatus[] = ['failed', 'given_up'];

/** 通知の送信履歴 of the signed-in staff member's credit union, and a manager's resend of a failed notice. */
@Injectable()
export class NoticeLogService {
  constructor(
    private readonly transactions: Transactions,
    private readonly tenant: TenantScope,
    private readonly audit: AuditService,
    private readonly sender: NoticeSender,
    private readonly clock: Clock,
  ) {}

  async list(query: NoticeLogQueryDto): Promise<NoticeDeliveryPage> {
    assertPeriod(query);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const qb = this.tenant.repository(NoticeOutbox).createQueryBuilder('o');
    if (query.status)
      qb.andWhere('o.status = :status', { status: query.status });
    if (query.milestone !== undefined)
      qb.andWhere('o.milestone = :milestone', { milestone: query.milestone });
    if (query.kind) qb.andWhere('o.kind = :kind', { kind: query.kind });
    if (query.from)
      qb.andWhere('o.businessDate >= :from', { from: query.from });
    if (query.to) qb.andWhere('o.businessDate <= :to', { to: query.to });
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor);
      const at = new Date(cursor.k);
      qb.andWhere(
        '(o.createdAt < :at OR (o.createdAt = :at AND o.id < :afterId))',
        { at, afterId: cursor.id },
      );
    }
    const rows = await qb
      .orderBy('o.createdAt', 'DESC')
      .addOrderBy('o.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    const page = rows.slice(0, limit);
    const items = await this.toItems(page);
    const last = page[page.length - 1];
    return {
      items,
      nextCursor:
        rows.length > limit
          ? encodeCursor({ k: last.createdAt.toISOString(), id: last.id })
          : null,
    };
  }

  async detail(id: string): Promise<NoticeDeliveryDetail> {
    const row = await this.tenant.repository(NoticeOutbox).findOrNotFound(id);
    const [item] = await this.toItems([row]);
    return {
      ...item,
      body: row.body,
      smtpResponse: row.smtpResponse,
      lastError: row.lastError,
    };
  }

  /** A failed or given-up notice goes back to the queue (audited) and is sent in the background. */
  async resend(id: string): Promise<NoticeDeliveryDetail> {
    const row = await this.tenant.repository(NoticeOutbox).findOrNotFound(id);
    if (!RESENDABLE.includes(row.status)) {
      throw new AppError(
        'notice_not_resendable',
        `送信に失敗した通知のみ再送できます（この通知は「${NOTICE_DELIVERY_STATUS_LABELS[row.status]}」です）`,
      );
    }
    await this.transactions.run(async (manager) => {
      const done = await manager.getRepository(NoticeOutbox).update(
        { id: row.id, creditUnionId: row.creditUnionId, status: row.status },
        {
          status: 'pending',
          attempts: 0,
          nextAttemptAt: this.clock.now(),
          statusReason: null,
          updatedAt: this.clock.now(),
        },
      );
      if (!done.affected) throw new AppError('edit_conflict');
      await this.audit.recordIn(manager, {
        action: 'notice.resend',
        outcome: 'success',
        targetType: 'notice',
        targetId: row.id,
        details: {
          kind: row.kind,
          milestone: row.milestone,
          ibUserId: row.ibUserId,
          previousReason: row.statusReason,
        },
      });
    });
    this.sender.kick(row.creditUnionId);
    return this.detail(id);
  }

  private async toItems(rows: NoticeOutbox[]): Promise<NoticeDeliveryItem[]> {
    if (rows.length === 0) return [];
    const [ibUsers, customers] = await Promise.all([
      this.tenant
        .repository(IbUser)
        .findBy({ id: In([...new Set(rows.map((r) => r.ibUserId))]) }),
      this.tenant
        .repository(Customer)
        .findBy({ id: In([...new Set(rows.map((r) => r.customerId))]) }),
    ]);
    const user = new Map(ibUsers.map((u) => [u.id, u]));
    const customer = new Map(customers.map((c) => [c.id, c]));
    return rows.map((r) => {
      const u = user.get(r.ibUserId) as IbUser;
      const c = customer.get(r.customerId) as Customer;
      return {
        id: r.id,
        kind: r.kind,
        kindLabel: NOTICE_KIND_INFO[r.kind].label,
        milestone: r.milestone,
        milestoneLabel:
          r.milestone === null ? null : describeMilestone(r.milestone),
        status: r.status,
        statusLabel:
          r.status === 'pending' && r.attempts > 0
            ? '再送待ち'
            : NOTICE_DELIVERY_STATUS_LABELS[r.status],
        reason: r.statusReason,
        recipient: r.recipient,
        customer: {
          id: c.id,
          contractNumber: c.contractNumber,
          companyName: c.companyName,
        },
        ibUser: { id: u.id, name: u.name, ibRole: u.ibRole },
        expiryDate: r.expiryDate,
        businessDate: r.businessDate,
        attempts: r.attempts,
        nextAttemptAt:
          r.status === 'pending' ? r.nextAttemptAt.toISOString() : null,
        sentAt: r.sentAt?.toISOString() ?? null,
        createdAt: r.createdAt.toISOString(),
        templateVersion: r.templateVersion,
        subject: r.subject,
        messageId: r.messageId,
        resendable: RESENDABLE.includes(r.status),
      };
    });
  }
}
