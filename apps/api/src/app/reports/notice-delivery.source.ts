import { Injectable } from '@nestjs/common';
import { SelectQueryBuilder } from 'typeorm';
import { describeMilestone } from '@certdesk/domain';
import {
  NOTICE_DELIVERY_CSV_HEADERS,
  type NoticeDeliveryCount,
  type NoticeDeliveryCounts,
  type NoticeDeliveryDay,
  type NoticeKindName,
} from '@certdesk/contracts';
import { NOTICE_KIND_INFO } from '@certdesk/notice-templates';
import { TenantScope } from '../infra/tenancy/tenant-scope';
import {
  NoticeOutbox,
  OutboxStatus,
} from '../notices/dispatch/notice-outbox.entity';
import { ReportSource } from './report-source';

export interface NoticeFilters {
  from?: string;
  to?: string;
  milestone?: number;
}

/** How an outbox status is counted (a notice being sent right now is still waiting). */
const COUNTED_AS: Record<OutboxStatus, NoticeDeliveryCount> = {
  sent: 'sent',
  failed: 'failed',
  given_up: 'failed',
  cancelled: 'cancelled',
  skipped: 'skipped',
  pending: 'pending',
  sending: 'pending',
};
/** A day holds one row per kind and milestone: a few. Batches are whole days. */
const ROWS_PER_DAY = 10;

export const noCounts = (): NoticeDeliveryCounts => ({
  sent: 0,
  failed: 0,
  cancelled: 0,
  skipped: 0,
  pending: 0,
});
export const countTotal = (c: NoticeDeliveryCounts): number =>
  c.sent + c.failed + c.cancelled + c.skipped + c.pending;

interface Raw {
  day: string;
  kind: NoticeKindName;
  milestone: number | string | null;
  status: OutboxStatus;
  n: number | string;
}

/** Earliest notice first (30, 10, then after expiry −1, −80), the reissue-ready mail (no milestone) last. */
function byDayAndMilestone(a: NoticeDeliveryDay, b: NoticeDeliveryDay): number {
  if (a.day !== b.day) return a.day < b.day ? -1 : 1;
  const ma = a.milestone ?? Number.NEGATIVE_INFINITY;
  const mb = b.milestone ?? Number.NEGATIVE_INFINITY;
  return ma !== mb ? mb - ma : a.kind.localeCompare(b.kind);
}

/**
 * 通知の送信状況: the outbox of the credit union counted per JST business day, kind and milestone, by
 * status. Read a batch of whole days at a time (keyset on the day), so any period streams.
 */
@Injectable()
export class NoticeDeliverySource {
  constructor(private readonly scope: TenantScope) {}

  open(filters: NoticeFilters): ReportSource<NoticeDeliveryDay> {
    return {
      headers: NOTICE_DELIVERY_CSV_HEADERS,
      batch: (after, size) =>
        this.days(
          filters,
          after?.day ?? null,
          Math.max(1, Math.floor(size / ROWS_PER_DAY)),
        ),
      cells: (d) => [
        d.day,
        d.kindLabel,
        d.label,
        d.milestone,
        d.sent,
        d.failed,
        d.cancelled,
        d.skipped,
        d.pending,
        countTotal(d),
      ],
    };
  }

  /** The rows of the next `dayCount` days with notices after `afterDay` (null: from the start). */
  async days(
    filters: NoticeFilters,
    afterDay: string | null,
    dayCount: number,
  ): Promise<NoticeDeliveryDay[]> {
    const dayQuery = this.filtered(filters)
      .select('o.business_date', 'day')
      .groupBy('o.business_date')
      .orderBy('o.business_date', 'ASC')
      .limit(dayCount);
    if (afterDay)
      dayQuery.andWhere('o.business_date > :afterDay', { afterDay });
    const days = (await dayQuery.getRawMany<{ day: string }>()).map(
      (d) => d.day,
    );
    if (days.length === 0) return [];
    const raw = await this.filtered(filters)
      .select([
        'o.business_date AS day',
        'o.kind AS kind',
        'o.milestone AS milestone',
        'o.status AS status',
        'COUNT(*) AS n',
      ])
      .andWhere('o.business_date BETWEEN :firstDay AND :lastDay', {
        firstDay: days[0],
        lastDay: days[days.length - 1],
      })
      .groupBy('o.business_date')
      .addGroupBy('o.kind')
      .addGroupBy('o.milestone')
      .addGroupBy('o.status')
      .getRawMany<Raw>();
    const rows = new Map<string, NoticeDeliveryDay>();
    for (const r of raw) {
      const milestone = r.milestone === null ? null : Number(r.milestone);
      const key = `${r.day}|${r.kind}|${milestone}`;
      let row = rows.get(key);
      if (!row) {
        const kindLabel = NOTICE_KIND_INFO[r.kind].label;
        row = {
          day: r.day,
          kind: r.kind,
          milestone,
          label: milestone === null ? kindLabel : describeMilestone(milestone),
          kindLabel,
          ...noCounts(),
        };
        rows.set(key, row);
      }
      row[COUNTED_AS[r.status]] += Number(r.n);
    }
    return [...rows.values()].sort(byDayAndMilestone);
  }

  /** The milestones notices were queued for in the period (the milestone filter aside), latest first. */
  async milestones(filters: NoticeFilters): Promise<number[]> {
    const raw = await this.filtered({ ...filters, milestone: undefined })
      .select('o.milestone', 'milestone')
      .andWhere('o.milestone IS NOT NULL')
      .groupBy('o.milestone')
      .getRawMany<{ milestone: number | string }>();
    return raw.map((r) => Number(r.milestone)).sort((a, b) => b - a);
  }

  private filtered(filters: NoticeFilters): SelectQueryBuilder<NoticeOutbox> {
    const qb = this.scope.repository(NoticeOutbox).createQueryBuilder('o');
    if (filters.from)
      qb.andWhere('o.business_date >= :from', { from: filters.from });
    if (filters.to) qb.andWhere('o.business_date <= :to', { to: filters.to });
    if (filters.milestone !== undefined)
      qb.andWhere('o.milestone = :milestone', { milestone: filters.milestone });
    return qb;
  }
}
