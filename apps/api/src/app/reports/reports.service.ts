import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ExpiredUsersReport, ExpiryReport, ReportHeader } from '@certdesk/contracts';
import { decodeCursor, encodeCursor } from '../certificates/search-cursor';
import { CreditUnion } from '../credit-unions/credit-union.entity';
import { Clock } from '../infra/clock/clock';
import { TenantScope } from '../infra/tenancy/tenant-scope';
import { ExpiredStatus, ExpiredUsersSource } from './expired-users.source';
import { ExpiryReportService } from './expiry-report.service';
import { ExpiredUsersQueryDto } from './reports.dto';

/** The reports page's JSON: the same rows the CSV exports carry. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly scope: TenantScope,
    private readonly clock: Clock,
    private readonly expiredUsers: ExpiredUsersSource,
    private readonly expiry: ExpiryReportService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async header(): Promise<ReportHeader> {
    const cu = await this.dataSource.getRepository(CreditUnion).findOneByOrFail({ id: this.scope.creditUnionId });
    return { asOf: this.clock.now().toISOString(), today: this.clock.today(), creditUnion: { code: cu.code, name: cu.name } };
  }

  async expiryReport(branch?: string): Promise<ExpiryReport> {
    const header = await this.header();
    return { ...header, months: await this.expiry.months(header.today, branch) };
  }

  async expiredUserList(status: ExpiredStatus, query: ExpiredUsersQueryDto): Promise<ExpiredUsersReport> {
    const source = await this.expiredUsers.open(status, { branch: query.branch });
    const limit = query.limit ?? 50;
    let after = null;
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor);
      after = { expiryDate: cursor.k, ibUserId: cursor.id } as Parameters<typeof source.batch>[0];
      if (!/^\d{4}-\d{2}-\d{2}$/.test(cursor.k)) throw new BadRequestException({ message: 'cursor が正しくありません', details: [{ field: 'cursor', reason: 'cursor が正しくありません' }] });
    }
    const rows = await source.batch(after, limit + 1);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      ...(await this.header()),
      items,
      nextCursor: rows.length > limit && last ? encodeCursor({ k: last.expiryDate, id: last.ibUserId }) : null,
    };
  }
}
