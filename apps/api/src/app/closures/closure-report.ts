import { Injectable } from '@nestjs/common';
import {
  CLOSURE_CSV_HEADERS,
  type ClosureReport,
  type ClosureReportRow,
} from '@certdesk/contracts';
import { CLOSURE_SOURCE_LABELS, formatJstCsvDateTime } from '@certdesk/domain';
import { Clock } from '../infra/clock/clock';
import { currentPrincipal } from '../infra/tenancy/tenant';
import { TenantScope } from '../infra/tenancy/tenant-scope';
import { ReportSource } from '../reports/report-source';
import { ClosureRepository } from './closure.repository';

const KIND_LABELS: Record<ClosureReportRow['kind'], string> = {
  customer: '解約（ご契約先）',
  ib_user: '削除（利用者）',
};

/** The first day the report covers when no `from` is given. */
const BEGINNING = '2000-01-01';

/**
 * 解約・削除: customers closed and IB users removed in a period (JST dates, default everything up to
 * today), newest first, with reason and source — on screen and as CSV. Closures are rare next to
 * certificates, so the period's rows are read at once.
 */
@Injectable()
export class ClosureReportService {
  constructor(
    private readonly repository: ClosureRepository,
    private readonly clock: Clock,
    private readonly scope: TenantScope,
  ) {}

  async report(from?: string, to?: string): Promise<ClosureReport> {
    const period = { from: from ?? BEGINNING, to: to ?? this.clock.today() };
    const rows = await this.rows(period.from, period.to);
    const cu = await this.scope.creditUnion();
    return {
      asOf: this.clock.now().toISOString(),
      today: this.clock.today(),
      creditUnion: { code: cu.code, name: cu.name },
      ...period,
      closedCustomers: rows.filter((r) => r.kind === 'customer').length,
      removedIbUsers: rows.filter((r) => r.kind === 'ib_user').length,
      rows,
    };
  }

  async source(
    from?: string,
    to?: string,
  ): Promise<ReportSource<ClosureReportRow & { index: number }>> {
    const { rows } = await this.report(from, to);
    const indexed = rows.map((r, index) => ({ ...r, index }));
    return {
      headers: CLOSURE_CSV_HEADERS,
      batch: async (after, size) => {
        const start = after ? after.index + 1 : 0;
        return indexed.slice(start, start + size);
      },
      cells: (r) => [
        r.kindLabel,
        r.closedOn,
        formatJstCsvDateTime(r.closedAt),
        r.contractNumber,
        r.companyName,
        r.loginId,
        r.ibUserName,
        r.reason,
        r.sourceLabel,
      ],
    };
  }

  private async rows(from: string, to: string): Promise<ClosureReportRow[]> {
    const rows = await this.repository.report(
      currentPrincipal().creditUnionId,
      from,
      to,
    );
    return rows.map((r) => ({
      kind: r.kind,
      kindLabel: KIND_LABELS[r.kind],
      closedOn: r.closedOn,
      closedAt: r.closedAt.toISOString(),
      contractNumber: r.contractNumber,
      companyName: r.companyName,
      loginId: r.loginId,
      ibUserName: r.ibUserName,
      reason: r.reason,
      source: r.source,
      sourceLabel: r.source ? CLOSURE_SOURCE_LABELS[r.source] : null,
    }));
  }
}
