import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import {
  IB_ROLE_LABELS,
  IssuedVia,
  REISSUE_REASON_LABELS,
  REISSUE_STATUS_LABELS,
  ReissueStatus,
  IbRole,
  formatJstCsvDateTime,
} from '@certdesk/domain';
import {
  REISSUE_HISTORY_CSV_HEADERS,
  type ReissueHistoryRow,
} from '@certdesk/contracts';
import { Certificate } from '../certificates/certificate.entity';
import { andWithinJstDays } from '../infra/database/jst-days';
import { TenantScope } from '../infra/tenancy/tenant-scope';
import { ReissueRequest } from '../reissues/reissue-request.entity';
import { ReportSource } from './report-source';

export interface ReissueFilters {
  from?: string;
  to?: string;
  status?: ReissueStatus;
  branch?: string;
}

/** Where a page of the history starts: after this request (newest first). */
export interface ReissueKey {
  requestedAt: Date;
  id: string;
}

/** Statuses an approval leads to: their requests have a time to approval. */
const APPROVED: readonly ReissueStatus[] = [
  'authorized',
  'completed',
  'expired',
];
/** Certificates that end an acquisition authorization (電子証明書取得 from the logon screen). */
const ACQUIRED_VIA = [
  'acquisition',
  'reissue',
] as const satisfies readonly IssuedVia[];

interface Raw {
  r_id: string;
  branch_code: string;
  branch_name: string;
  contract_number: string;
  company_name: string;
  login_id: string;
  user_name: string;
  ib_role: IbRole;
}

const minutesBetween = (from: Date, to: Date): number =>
  Math.max(0, Math.round((to.getTime() - from.getTime()) / 60_000));
/** Minutes as hours with one decimal, the unit a spreadsheet sums. */
export const hours = (minutes: number | null): string | null =>
  minutes === null ? null : (minutes / 60).toFixed(1);
const iso = (d: Date | null): string | null => d?.toISOString() ?? null;
const jst = (iso: string | null): string | null =>
  iso ? formatJstCsvDateTime(iso) : null;

/**
 * 再発行履歴: every request of the credit union, newest first, with requester, approver, reason, time
 * to approval and time to acquisition. Acquisition is the IB user's first certificate acquired
 * (`acquisition` or `reissue`) after the approval; a request completed without one on record counts
 * its closing time.
 */
@Injectable()
export class ReissueHistorySource {
  constructor(private readonly scope: TenantScope) {}

  open(filters: ReissueFilters): ReportSource<ReissueHistoryRow> {
    return {
      headers: REISSUE_HISTORY_CSV_HEADERS,
      batch: (after, size) =>
        this.page(
          filters,
          after && { requestedAt: new Date(after.requestedAt), id: after.id },
          size,
        ),
      cells: (r) => [
        jst(r.requestedAt),
        REISSUE_STATUS_LABELS[r.status],
        r.branchCode,
        r.branchName,
        r.contractNumber,
        r.companyName,
        IB_ROLE_LABELS[r.ibRole],
        r.loginId,
        r.ibUserName,
        REISSUE_REASON_LABELS[r.reason],
        r.reasonText,
        r.identityCheck,
        r.formReceivedOn,
        r.requestedBy,
        r.decidedBy,
        jst(r.decidedAt),
        hours(r.minutesToApproval),
        r.authorizedUntil,
        jst(r.acquiredAt),
        hours(r.minutesToAcquisition),
        r.id,
      ],
    };
  }

  /** The next `size` requests after `after` (null: the newest), in one query plus one for their acquisitions. */
  async page(
    filters: ReissueFilters,
    after: ReissueKey | null,
    size: number,
  ): Promise<ReissueHistoryRow[]> {
    const qb = this.scope
      .repository(ReissueRequest)
      .createQueryBuilder('r')
      .innerJoin(
        'ib_user',
        'u',
        'u.id = r.ib_user_id AND u.credit_union_id = r.credit_union_id',
      )
      .innerJoin(
        'customer',
        'c',
        'c.id = r.customer_id AND c.credit_union_id = r.credit_union_id',
      )
      .innerJoin('branch', 'b', 'b.id = c.branch_id')
      .addSelect([
        'b.code AS branch_code',
        'b.name AS branch_name',
        'c.contract_number AS contract_number',
        'c.company_name AS company_name',
        'u.login_id AS login_id',
        'u.name AS user_name',
        'u.ib_role AS ib_role',
      ]);
    andWithinJstDays(qb, 'r.requestedAt', filters);
    if (filters.status)
      qb.andWhere('r.status = :status', { status: filters.status });
    if (filters.branch)
      qb.andWhere('b.code = :branch', { branch: filters.branch });
    if (after) {
      qb.andWhere(
        '(r.requestedAt < :afterAt OR (r.requestedAt = :afterAt AND r.id < :afterId))',
        { afterAt: after.requestedAt, afterId: after.id },
      );
    }
    const { entities, raw } = await qb
      .orderBy('r.requestedAt', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(size)
      .getRawAndEntities<Raw>();
    const context = new Map(raw.map((row) => [row.r_id, row]));
    const acquired = await this.acquisitions(entities);
    return entities.map((r) => {
      const row = context.get(r.id);
      if (!row) throw new Error(`reissue ${r.id} lost its customer`);
      const acquiredAt = acquired.get(r.id) ?? null;
      return {
        id: r.id,
        requestedAt: r.requestedAt.toISOString(),
        status: r.status,
        reason: r.reason,
        reasonText: r.reasonText,
        identityCheck: r.identityCheck,
        formReceivedOn: r.formReceivedOn,
        branchCode: row.branch_code,
        branchName: row.branch_name,
        customerId: r.customerId,
        contractNumber: row.contract_number,
        companyName: row.company_name,
        ibUserId: r.ibUserId,
        loginId: row.login_id,
        ibUserName: row.user_name,
        ibRole: row.ib_role,
        requestedBy: r.requestedByName,
        decidedBy: r.decidedByName,
        decidedAt: iso(r.decidedAt),
        minutesToApproval:
          r.decidedAt && APPROVED.includes(r.status)
            ? minutesBetween(r.requestedAt, r.decidedAt)
            : null,
        authorizedUntil: r.authorizedUntil,
        acquiredAt: iso(acquiredAt),
        minutesToAcquisition:
          acquiredAt && r.decidedAt
            ? minutesBetween(r.decidedAt, acquiredAt)
            : null,
      };
    });
  }

  /** When each approved request's IB user acquired: the first acquired certificate after the approval, else a completed request's closing. */
  private async acquisitions(
    requests: ReissueRequest[],
  ): Promise<Map<string, Date>> {
    const open = requests.filter(
      (r) =>
        r.decidedAt && (r.status === 'authorized' || r.status === 'completed'),
    );
    const found = new Map<string, Date>();
    if (!open.length) return found;
    const certificates = await this.scope.repository(Certificate).find({
      select: { id: true, ibUserId: true, createdAt: true },
      where: {
        ibUserId: In([...new Set(open.map((r) => r.ibUserId))]),
        issuedVia: In([...ACQUIRED_VIA]),
      },
      order: { createdAt: 'ASC' },
    });
    const byUser = new Map<string, Date[]>();
    for (const c of certificates)
      byUser.set(c.ibUserId, [...(byUser.get(c.ibUserId) ?? []), c.createdAt]);
    for (const r of open) {
      const decidedAt = r.decidedAt as Date;
      const first = byUser
        .get(r.ibUserId)
        ?.find((createdAt) => createdAt >= decidedAt);
      const at = first ?? (r.status === 'completed' ? r.closedAt : null);
      if (at) found.set(r.id, at);
    }
    return found;
  }
}
