import { Injectable } from '@nestjs/common';
import { addDays } from '@certdesk/domain';
import { EXPIRY_CSV_HEADERS, type ExpiryReport } from '@certdesk/contracts';
import { Certificate } from '../certificates/certificate.entity';
import { TenantScope } from '../infra/tenancy/tenant-scope';
import { ReportSource } from './report-source';

type ExpiryRow = { month: string; code: string; name: string; count: number };

export const MONTHS_BACK = 3;
export const MONTHS_AHEAD = 12;

/** 'YYYY-MM' shifted by n months. */
export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Certificates expiring per month and branch: the 3 months before this one, this one and the 11 after. */
@Injectable()
export class ExpiryReportService {
  constructor(private readonly scope: TenantScope) {}

  async months(
    today: string,
    branch?: string,
  ): Promise<ExpiryReport['months']> {
    const first = shiftMonth(today.slice(0, 7), -MONTHS_BACK);
    const last = shiftMonth(today.slice(0, 7), MONTHS_AHEAD - 1);
    const qb = this.scope
      .repository(Certificate)
      .createQueryBuilder('x')
      .innerJoin('ib_user', 'u', 'u.id = x.ib_user_id')
      .innerJoin('customer', 'c', 'c.id = u.customer_id')
      .innerJoin('branch', 'b', 'b.id = c.branch_id')
      .select('x.expiry_date', 'day')
      .addSelect('b.code', 'code')
      .addSelect('b.name', 'name')
      .addSelect('COUNT(*)', 'n')
      .andWhere('x.expiry_date BETWEEN :from AND :to', {
        from: `${first}-01`,
        to: addDays(`${shiftMonth(last, 1)}-01`, -1),
      })
      .groupBy('x.expiry_date')
      .addGroupBy('b.code')
      .addGroupBy('b.name');
    if (branch) qb.andWhere('b.code = :branch', { branch });
    const rows = await qb.getRawMany<{
      day: string;
      code: string;
      name: string;
      n: string | number;
    }>();
    const months = Array.from(
      { length: MONTHS_BACK + MONTHS_AHEAD },
      (_, i) => ({
        month: shiftMonth(first, i),
        total: 0,
        branches: [] as { code: string; name: string; count: number }[],
      }),
    );
    for (const row of rows) {
      const month = months.find((m) => m.month === row.day.slice(0, 7));
      if (!month) continue;
      const n = Number(row.n);
      month.total += n;
      const entry = month.branches.find((b) => b.code === row.code);
      if (entry) entry.count += n;
      else month.branches.push({ code: row.code, name: row.name, count: n });
    }
    for (const m of months)
      m.branches.sort((a, b) => a.code.localeCompare(b.code));
    return months;
  }

  /** The same figures as CSV rows (month × branch); small, so one batch. */
  async source(
    today: string,
    branch?: string,
  ): Promise<ReportSource<ExpiryRow>> {
    const rows = (await this.months(today, branch)).flatMap((m) =>
      m.branches.map((b) => ({ month: m.month, ...b })),
    );
    return {
      headers: EXPIRY_CSV_HEADERS,
      batch: async (after) => (after ? [] : rows),
      cells: (r) => [r.month, r.code, r.name, r.count],
    };
  }
}
