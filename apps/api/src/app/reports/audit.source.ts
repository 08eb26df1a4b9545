import { Injectable } from '@nestjs/common';
import { AUDIT_CSV_HEADERS } from '@certdesk/contracts';
import { formatJstCsvDateTime } from '@certdesk/domain';
import { AuditEvent } from '../audit/audit-event.entity';
import { AuditEventRepository } from '../audit/audit-event.repository';
import { currentCreditUnionId } from '../infra/tenancy/tenant';
import { ReportSource } from './report-source';

/** The credit union's audit chain in order, for export. */
@Injectable()
export class AuditSource {
  constructor(private readonly events: AuditEventRepository) {}

  open(filters: { from?: string; to?: string }): ReportSource<AuditEvent> {
    const creditUnionId = currentCreditUnionId();
    return {
      headers: AUDIT_CSV_HEADERS,
      batch: (after, size) =>
        this.events.inOrder(filters, after?.seq ?? 0, size, creditUnionId),
      cells: (a) => [
        a.seq,
        formatJstCsvDateTime(a.occurredAt),
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
