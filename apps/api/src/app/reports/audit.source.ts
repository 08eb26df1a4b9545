import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { addDays, jstStartOfDay } from '@certdesk/domain';
import { AuditEvent } from '../audit/audit-event.entity';
import { currentCreditUnionId } from '../infra/tenancy/tenant';
import { jstDateTime } from './csv';
import { ReportSource } from './report-source';

/** The credit union's audit chain in order, for export. */
@Injectable()
export class AuditSource {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  open(filters: { from?: string; to?: string }): ReportSource<AuditEvent> {
    const chain = currentCreditUnionId();
    return {
      headers: [
        '番号',
        '日時（日本時間）',
        '職員',
        '操作',
        '対象種別',
        '対象ID',
        '結果',
        'IPアドレス',
        'リクエストID',
        '詳細',
        'ハッシュ',
      ],
      batch: (after, size) => {
        const qb = this.dataSource
          .getRepository(AuditEvent)
          .createQueryBuilder('a')
          .where('a.chain = :chain AND a.creditUnionId = :chain', { chain })
          .andWhere('a.seq > :after', { after: after?.seq ?? 0 });
        if (filters.from)
          qb.andWhere('a.occurredAt >= :from', {
            from: jstStartOfDay(filters.from),
          });
        if (filters.to)
          qb.andWhere('a.occurredAt < :to', {
            to: jstStartOfDay(addDays(filters.to, 1)),
          });
        return qb.orderBy('a.seq', 'ASC').limit(size).getMany();
      },
      cells: (a) => [
        a.seq,
        jstDateTime(a.occurredAt),
        a.actorName,
        a.action,
        a.targetType,
        a.targetId,
        a.outcome,
        a.ip,
        a.requestId,
        a.details,
        a.hash,
      ],
    };
  }
}
