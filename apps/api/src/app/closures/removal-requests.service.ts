import { Injectable } from '@nestjs/common';
import type { RemovalRequestView } from '@certdesk/contracts';
import {
  REMOVAL_REQUEST_STATUS_LABELS,
  removalDecisionRefusal,
} from '@certdesk/domain';
import { AuditService } from '../audit/audit.service';
import { successEntry } from '../audit/audit-entry';
import { decidedByMe, decisionView } from '../infra/database/decision-columns';
import { Clock } from '../infra/clock/clock';
import { AppError } from '../infra/http/app-error';
import { currentPrincipal, notFound } from '../infra/tenancy/tenant';
import { ClosureRepository } from './closure.repository';
import { ClosureResult, ClosureService } from './closure.service';
import { RemovalRequest } from './removal-request.entity';

/**
 * Removals a full-file import held above the threshold, under dual control: a manager or admin who
 * did not run the import approves (the removals are applied then, with the effects of
 * {@link ClosureService}) or rejects them. Exactly one decision wins; each is audited, and a refused
 * attempt by the importer too.
 */
@Injectable()
export class RemovalRequestsService {
  constructor(
    private readonly repository: ClosureRepository,
    private readonly closures: ClosureService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<RemovalRequestView[]> {
    const rows = await this.repository.listRequests(
      currentPrincipal().creditUnionId,
    );
    return rows.map(view);
  }

  async get(id: string): Promise<RemovalRequestView> {
    return view(await this.find(id));
  }

  async approve(id: string, comment?: string): Promise<ClosureResult> {
    const request = await this.decidable(id, 'removal.approve');
    const now = this.clock.now();
    const result = await this.repository.transaction(async (em) => {
      if (
        !(await this.repository.decideRequest(em, request, {
          status: 'approved',
          ...decidedByMe(now, comment),
        }))
      )
        throw new AppError('removal_already_decided');
      const applied = await this.closures.applyIn(
        em,
        {
          creditUnionId: request.creditUnionId,
          customerIds: JSON.parse(request.customerIds) as string[],
          ibUserIds: JSON.parse(request.ibUserIds) as string[],
        },
        {
          source: 'import',
          reason: `全件ファイル${request.fileName ? `「${request.fileName}」` : ''}に含まれていないため（基幹系で解約・削除、承認済み）`,
          actor: { actorType: 'staff' },
          details: { removalRequestId: request.id, fileName: request.fileName },
        },
      );
      await this.audit.recordIn(
        em,
        successEntry('removal.approve', 'removal_request', request.id, {
          ...applied,
          comment: comment?.trim() || null,
        }),
      );
      return applied;
    });
    await this.closures.published(request.creditUnionId, result);
    return result;
  }

  async reject(id: string, comment?: string): Promise<void> {
    const request = await this.decidable(id, 'removal.reject');
    const now = this.clock.now();
    await this.repository.transaction(async (em) => {
      if (
        !(await this.repository.decideRequest(em, request, {
          status: 'rejected',
          ...decidedByMe(now, comment),
        }))
      )
        throw new AppError('removal_already_decided');
      await this.audit.recordIn(
        em,
        successEntry('removal.reject', 'removal_request', request.id, {
          comment: comment?.trim() || null,
        }),
      );
    });
  }

  /** The importer withdraws removals nobody has decided yet (nothing is closed). */
  async cancel(id: string): Promise<void> {
    const request = await this.find(id);
    if (request.requestedById !== currentPrincipal().staffId)
      throw new AppError('removal_not_requester');
    const now = this.clock.now();
    await this.repository.transaction(async (em) => {
      if (
        !(await this.repository.decideRequest(em, request, {
          status: 'cancelled',
          ...decidedByMe(now),
        }))
      )
        throw new AppError('removal_already_decided');
      await this.audit.recordIn(
        em,
        successEntry('removal.cancel', 'removal_request', request.id, {}),
      );
    });
  }

  private async find(id: string): Promise<RemovalRequest> {
    const request = await this.repository.findRequest(
      currentPrincipal().creditUnionId,
      id,
    );
    if (!request) throw notFound();
    return request;
  }

  /** Someone other than the importer; the refusal itself is audited. */
  private async decidable(id: string, action: string): Promise<RemovalRequest> {
    const request = await this.find(id);
    if (
      removalDecisionRefusal(
        { requestedById: request.requestedById ?? '' },
        currentPrincipal().staffId,
      )
    ) {
      await this.audit.record({
        action,
        outcome: 'denied',
        targetType: 'removal_request',
        targetId: request.id,
        details: { refused: 'own_request' },
      });
      throw new AppError('own_removal_request');
    }
    return request;
  }
}

function view(r: RemovalRequest): RemovalRequestView {
  return {
    id: r.id,
    status: r.status,
    statusLabel: REMOVAL_REQUEST_STATUS_LABELS[r.status],
    fileName: r.fileName,
    fileSha256: r.fileSha256,
    closedCustomers: r.closedCustomers,
    removedIbUsers: r.removedIbUsers,
    activeCustomers: r.activeCustomers,
    activeIbUsers: r.activeIbUsers,
    thresholdPercent: r.thresholdPercent,
    ...decisionView(r),
  };
}
