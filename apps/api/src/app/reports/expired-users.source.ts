import { Injectable } from '@nestjs/common';
import {
  addDays,
  daysBetween,
  IB_ROLE_LABELS,
  resolveLifecyclePolicy,
  IbRole,
} from '@certdesk/domain';
import {
  EXPIRED_USERS_CSV_HEADERS,
  type ExpiredUserRow,
} from '@certdesk/contracts';
import {
  expirySortKeySql,
  statusBounds,
  statusConditionSql,
  statusParameters,
} from '../certificates/status-sql';
import { IbUser } from '../customers/ib-user.entity';
import { Clock } from '../infra/clock/clock';
import { TenantScope } from '../infra/tenancy/tenant-scope';
import { ReportSource } from './report-source';

export type ExpiredStatus = 'expired' | 'past_limit';

interface Raw {
  branch_code: string;
  branch_name: string;
  contract_number: string;
  company_name: string;
  company_name_kana: string;
  ib_role: IbRole;
  login_id: string;
  name: string;
  email: string | null;
  expiry: string;
  customer_id: string;
  u_id: string;
}

/** 期限切れ（ログオン不可） and 再発行が必要（…日超過） lists, oldest expiry first. */
@Injectable()
export class ExpiredUsersSource {
  constructor(
    private readonly scope: TenantScope,
    private readonly clock: Clock,
  ) {}

  async open(
    status: ExpiredStatus,
    filters: { branch?: string },
  ): Promise<ReportSource<ExpiredUserRow>> {
    const today = this.clock.today();
    const creditUnion = await this.scope.creditUnion();
    const policy = resolveLifecyclePolicy(creditUnion);
    const condition = statusConditionSql(
      'u',
      status === 'expired' ? 'expired' : 'reissue_required',
    );
    // The indexed sort key (ix_ib_user_sort_expiry): every batch walks the index from the cursor and stops at
    // the limit, instead of sorting the whole list again. Expired users all have a date, so it is their expiry.
    const key = expirySortKeySql('u');
    const bounds = statusBounds(today, policy);
    // A later batch seeks the index at the cursor's day (`key >= afterExpiry`). SQLite seeks from a range's own
    // lower bound and cannot tell that a second one is tighter, so the expired range itself starts at that day
    // too, never before its own start (the same rows); a row value would not seek there either.
    const boundsAfter = (after: ExpiredUserRow | null) =>
      statusParameters(
        after &&
          status === 'expired' &&
          after.expiryDate > bounds.selfServiceFrom
          ? { ...bounds, selfServiceFrom: after.expiryDate }
          : bounds,
      );
    const toRow = (r: Raw): ExpiredUserRow => ({
      branchCode: r.branch_code,
      branchName: r.branch_name,
      contractNumber: r.contract_number,
      companyName: r.company_name,
      companyNameKana: r.company_name_kana,
      ibRole: r.ib_role,
      loginId: r.login_id,
      ibUserName: r.name,
      email: r.email,
      expiryDate: r.expiry,
      daysSinceExpiry: daysBetween(r.expiry, today),
      selfServiceUntil: addDays(r.expiry, policy.selfServiceDaysAfterExpiry),
      customerId: r.customer_id,
      ibUserId: r.u_id,
    });
    return {
      headers: EXPIRED_USERS_CSV_HEADERS,
      batch: async (after, size) => {
        const qb = this.scope
          .repository(IbUser)
          .createQueryBuilder('u')
          .innerJoin(
            'customer',
            'c',
            'c.id = u.customer_id AND c.credit_union_id = u.credit_union_id',
          )
          .innerJoin('branch', 'b', 'b.id = c.branch_id')
          .select([
            'b.code AS branch_code',
            'b.name AS branch_name',
            'c.contract_number AS contract_number',
            'c.company_name AS company_name',
            'c.company_name_kana AS company_name_kana',
            'u.ib_role AS ib_role',
            'u.login_id AS login_id',
            'u.name AS name',
            'u.email AS email',
            'u.current_expiry_date AS expiry',
            'c.id AS customer_id',
            'u.id AS u_id',
          ])
          .andWhere(condition)
          .setParameters(boundsAfter(after));
        if (filters.branch)
          qb.andWhere('b.code = :branch', { branch: filters.branch });
        if (after) {
          qb.andWhere(
            `${key} >= :afterExpiry AND (${key} > :afterExpiry OR u.id > :afterId)`,
            { afterExpiry: after.expiryDate, afterId: after.ibUserId },
          );
        }
        const rows = await qb
          .orderBy(key, 'ASC')
          .addOrderBy('u.id', 'ASC')
          .limit(size)
          .getRawMany<Raw>();
        return rows.map(toRow);
      },
      cells: (r) => [
        r.branchCode,
        r.branchName,
        r.contractNumber,
        r.companyName,
        r.companyNameKana,
        IB_ROLE_LABELS[r.ibRole],
        r.loginId,
        r.ibUserName,
        r.email,
        r.expiryDate,
        r.daysSinceExpiry,
        r.selfServiceUntil,
      ],
    };
  }
}
