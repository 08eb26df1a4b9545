import { Injectable } from '@nestjs/common';
import { describeMilestone, REISSUE_STATUSES } from '@certdesk/domain';
import type {
  ExpiredUsersReport,
  ExpiryReport,
  NoticeDeliveryDay,
  NoticeDeliveryReport,
  ReissueHistoryReport,
  ReissueHistoryRow,
  ReportHeader,
} from '@certdesk/contracts';
import {
  decodeCursor,
  encodeCursor,
  SearchCursor,
} from '../certificates/search-cursor';
import { Clock } from '../infra/clock/clock';
import { AppError } from '../infra/http/app-error';
import { TenantScope } from '../infra/tenancy/tenant-scope';
import { ReissueExpiryService } from '../reissues/reissue-expiry.service';
import { summarizeDurations } from './durations';
import { ExpiredStatus, ExpiredUsersSource } from './expired-users.source';
import { ExpiryReportService } from './expiry-report.service';
import {
  NoticeDeliverySource,
  NoticeFilters,
  noCounts,
} from './notice-delivery.source';
import { ReissueFilters, ReissueHistorySource } from './reissue-history.source';
import { batches, ReportSource } from './report-source';
import { PageDto } from './reports.dto';

const DEFAULT_LIMIT = 50;

/** A page cursor whose key must look like `valid(k)`; a tampered one is a 400 naming `cursor`. */
function cursorOf(raw: string, valid: (k: string) => boolean): SearchCursor {
  const cursor = decodeCursor(raw);
  if (!valid(cursor.k))
    throw AppError.onField(
      'invalid_input',
      'cursor',
      undefined,
      'cursor が正しくありません',
    );
  return cursor;
}

/** Fetches `limit + 1` rows after the cursor: the page, and the cursor of the next one if there is more. */
async function keysetPage<R>(
  page: PageDto,
  fetch: (cursor: SearchCursor | null, size: number) => Promise<R[]>,
  keyOf: (row: R) => SearchCursor,
  valid: (k: string) => boolean,
): Promise<{ items: R[]; nextCursor: string | null }> {
  const limit = page.limit ?? DEFAULT_LIMIT;
  const rows = await fetch(
    page.cursor ? cursorOf(page.cursor, valid) : null,
    limit + 1,
  );
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null,
  };
}

const isDate = (k: string) => /^\d{4}-\d{2}-\d{2}$/.test(k);
const isInstant = (k: string) =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(k) &&
  !Number.isNaN(Date.parse(k));

/** The reports page's JSON: the same rows the CSV exports carry. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly scope: TenantScope,
    private readonly clock: Clock,
    private readonly expiredUsers: ExpiredUsersSource,
    private readonly expiry: ExpiryReportService,
    private readonly reissues: ReissueHistorySource,
    private readonly reissueExpiry: ReissueExpiryService,
    private readonly notices: NoticeDeliverySource,
  ) {}

  async header(): Promise<ReportHeader> {
    const cu = await this.scope.creditUnion();
    return {
      asOf: this.clock.now().toISOString(),
      today: this.clock.today(),
      creditUnion: { code: cu.code, name: cu.name },
    };
  }

  async expiryReport(branch?: string): Promise<ExpiryReport> {
    const header = await this.header();
    return {
      ...header,
      months: await this.expiry.months(header.today, branch),
    };
  }

  async expiredUserList(
    status: ExpiredStatus,
    query: { branch?: string } & PageDto,
  ): Promise<ExpiredUsersReport> {
    const source = await this.expiredUsers.open(status, {
      branch: query.branch,
    });
    const page = await keysetPage(
      query,
      (cursor, size) =>
        source.batch(
          cursor &&
            ({ expiryDate: cursor.k, ibUserId: cursor.id } as Parameters<
              typeof source.batch
            >[0]),
          size,
        ),
      (row) => ({ k: row.expiryDate, id: row.ibUserId }),
      isDate,
    );
    return { ...(await this.header()), ...page };
  }

  /** Authorizations past their last day are closed first, so statuses and times are those of today. */
  async reissueHistory(
    filters: ReissueFilters,
    query: PageDto,
  ): Promise<ReissueHistoryReport> {
    await this.reissueExpiry.expireOverdue(this.scope.creditUnionId);
    const page = await keysetPage(
      query,
      (cursor, size) =>
        this.reissues.page(
          filters,
          cursor && { requestedAt: new Date(cursor.k), id: cursor.id },
          size,
        ),
      (row) => ({ k: row.requestedAt, id: row.id }),
      isInstant,
    );
    return {
      ...(await this.header()),
      summary: await this.reissueSummary(filters),
      ...page,
    };
  }

  /** The history as a CSV source, after the same closing of overdue authorizations. */
  async reissueSource(
    filters: ReissueFilters,
  ): Promise<ReportSource<ReissueHistoryRow>> {
    await this.reissueExpiry.expireOverdue(this.scope.creditUnionId);
    return this.reissues.open(filters);
  }

  async noticeDelivery(filters: NoticeFilters): Promise<NoticeDeliveryReport> {
    const days: NoticeDeliveryDay[] = [];
    for await (const batch of batches(this.notices.open(filters)))
      days.push(...batch);
    const totals = noCounts();
    for (const day of days)
      for (const key of Object.keys(totals) as (keyof typeof totals)[])
        totals[key] += day[key];
    const milestones = (await this.notices.milestones(filters)).map(
      (milestone) => ({ milestone, label: describeMilestone(milestone) }),
    );
    return { ...(await this.header()), days, totals, milestones };
  }

  /** Over every request the filters select, read batch by batch. */
  private async reissueSummary(
    filters: ReissueFilters,
  ): Promise<ReissueHistoryReport['summary']> {
    const byStatus = Object.fromEntries(
      REISSUE_STATUSES.map((s) => [s, 0]),
    ) as ReissueHistoryReport['summary']['byStatus'];
    const approval: number[] = [];
    const acquisition: number[] = [];
    let total = 0;
    for await (const batch of batches(this.reissues.open(filters))) {
      for (const row of batch) {
        total += 1;
        byStatus[row.status] += 1;
        if (row.minutesToApproval !== null)
          approval.push(row.minutesToApproval);
        if (row.minutesToAcquisition !== null)
          acquisition.push(row.minutesToAcquisition);
      }
    }
    return {
      total,
      byStatus,
      approval: summarizeDurations(approval),
      acquisition: summarizeDurations(acquisition),
    };
  }
}
