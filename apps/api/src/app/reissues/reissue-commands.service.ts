import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  authorizationLastDay,
  mayDecideReissue,
  ReissueStatus,
  revocationReasonFor,
  validateReissueRequest,
} from '@certdesk/domain';
import { AuditService } from '../audit/audit.service';
import { successEntry } from '../audit/audit-entry';
import { IbUser } from '../customers/ib-user.entity';
import { Clock } from '../infra/clock/clock';
import { decidedByMe, UNDECIDED } from '../infra/database/decision-columns';
import { Manager, Transactions } from '../infra/database/transactions';
import { AppError } from '../infra/http/app-error';
import { currentPrincipal } from '../infra/tenancy/tenant';
import { TenantScope } from '../infra/tenancy/tenant-scope';
import { ReissueNoticeQueue } from '../notices/dispatch/reissue-notice';
import { CertificateRevocationService } from '../pki/certificate-revocation.service';
import { CrlService } from '../pki/crl.service';
import { isUniqueViolation } from '../infra/database/unique-violation';
import { CreateReissueDto } from './dto/reissue.dto';
import { ReissueRequest } from './reissue-request.entity';
import { ReissueRequestRepository } from './reissue-request.repository';

/**
 * 再発行処理 under dual control. Every transition is one conditional UPDATE (`WHERE status = …`),
 * so of any number of simultaneous decisions exactly one wins and the rest get 409; the partial
 * unique index keeps one open request per IB user. Every step is audited in its transaction.
 */
@Injectable()
export class ReissueCommandsService {
  constructor(
    private readonly scope: TenantScope,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly revocation: CertificateRevocationService,
    private readonly crl: CrlService,
    private readonly notices: ReissueNoticeQueue,
    private readonly transactions: Transactions,
    private readonly requests: ReissueRequestRepository,
  ) {}

  async create(dto: CreateReissueDto): Promise<string> {
    const user = await this.scope
      .repository(IbUser)
      .findOrNotFound(dto.ibUserId);
    if (user.status === 'removed') throw new AppError('removed_user_reissue');
    const problems = validateReissueRequest(dto, this.clock.today());
    if (problems.length)
      throw new AppError(
        'invalid_input',
        `入力内容に誤りがあります（${problems.map((p) => p.field).join(', ')}）`,
        problems,
      );
    const me = currentPrincipal();
    const request: ReissueRequest = {
      id: randomUUID(),
      creditUnionId: me.creditUnionId,
      customerId: user.customerId,
      ibUserId: user.id,
      reason: dto.reason,
      reasonText: dto.reasonText?.trim() || null,
      identityCheck: dto.identityCheck.trim(),
      formReceivedOn: dto.formReceivedOn,
      status: 'pending',
      requestedById: me.staffId,
      requestedByName: me.displayName,
      requestedAt: this.clock.now(),
      ...UNDECIDED,
      authorizedUntil: null,
      closedAt: null,
      revokedCertificateIds: null,
    };
    try {
      await this.transactions.run(async (em) => {
        await this.scope.repository(ReissueRequest, em).insert(request);
        await this.scope.repository(IbUser, em).update(user.id, {
          reissueState: 'pending',
          updatedAt: request.requestedAt,
        });
        await this.audit.recordIn(
          em,
          this.entry('reissue.request', request, {
            reason: request.reason,
            identityCheck: request.identityCheck,
            formReceivedOn: request.formReceivedOn,
          }),
        );
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('open_reissue_request');
      throw error;
    }
    return request.id;
  }

  async approve(id: string, comment?: string): Promise<void> {
    const request = await this.decidable(id, 'reissue.approve');
    const now = this.clock.now();
    const creditUnion = await this.scope.creditUnion();
    const authorizedUntil = authorizationLastDay(
      this.clock.today(),
      creditUnion.reissueAuthorizationDays,
    );
    const revoked = await this.transactions.run(async (em) => {
      await this.transition(em, request, 'pending', {
        status: 'authorized',
        authorizedUntil,
        ...decidedByMe(now, comment),
      });
      const done = await this.revocation.revokeAllOf(
        request.ibUserId,
        revocationReasonFor(request.reason),
        { actorType: 'staff' },
        { manager: em, comment: `再発行 ${request.id}` },
      );
      const ids = done.map((c) => c.id);
      await this.scope
        .repository(ReissueRequest, em)
        .update(request.id, { revokedCertificateIds: JSON.stringify(ids) });
      const ibUser = await this.scope
        .repository(IbUser, em)
        .findOrNotFound(request.ibUserId);
      await this.scope
        .repository(IbUser, em)
        .update(ibUser.id, { reissueState: 'authorized', updatedAt: now });
      // 「再発行手続き完了のご案内」, committed with the approval (unless the credit union switched it off).
      const mailQueued = await this.notices.enqueue(em, {
        reissueId: request.id,
        ibUser,
        acquisitionDeadline: authorizedUntil,
      });
      await this.audit.recordIn(
        em,
        this.entry('reissue.approve', request, {
          authorizedUntil,
          revokedCertificates: ids,
          mailQueued,
          comment: comment ?? null,
        }),
      );
      return ids;
    });
    this.notices.kick(request.creditUnionId);
    if (revoked.length) await this.crl.publishQuietly(request.creditUnionId);
  }

  async reject(id: string, comment?: string): Promise<void> {
    const request = await this.decidable(id, 'reissue.reject');
    const now = this.clock.now();
    await this.transactions.run(async (em) => {
      await this.transition(em, request, 'pending', {
        status: 'rejected',
        closedAt: now,
        ...decidedByMe(now, comment),
      });
      await this.scope
        .repository(IbUser, em)
        .update(request.ibUserId, { reissueState: null, updatedAt: now });
      await this.audit.recordIn(
        em,
        this.entry('reissue.reject', request, { comment: comment ?? null }),
      );
    });
  }

  /** The requester withdraws a request nobody has decided yet. */
  async cancel(id: string): Promise<void> {
    const request = await this.scope
      .repository(ReissueRequest)
      .findOrNotFound(id);
    if (request.requestedById !== currentPrincipal().staffId) {
      throw new AppError('not_requester');
    }
    const now = this.clock.now();
    await this.transactions.run(async (em) => {
      await this.transition(em, request, 'pending', {
        status: 'cancelled',
        closedAt: now,
      });
      await this.scope
        .repository(IbUser, em)
        .update(request.ibUserId, { reissueState: null, updatedAt: now });
      await this.audit.recordIn(em, this.entry('reissue.cancel', request, {}));
    });
  }

  /** A manager who is not the requester; the refusal itself is audited. */
  private async decidable(id: string, action: string): Promise<ReissueRequest> {
    const request = await this.scope
      .repository(ReissueRequest)
      .findOrNotFound(id);
    if (!mayDecideReissue(request.requestedById, currentPrincipal().staffId)) {
      await this.audit.record({
        ...this.entry(action, request, { refused: 'own_request' }),
        outcome: 'denied',
      });
      throw new AppError('own_reissue_request');
    }
    return request;
  }

  private async transition(
    em: Manager,
    request: ReissueRequest,
    from: ReissueStatus,
    patch: Partial<ReissueRequest>,
  ): Promise<void> {
    if (!(await this.requests.transition(em, request.id, from, patch)))
      throw new AppError('already_decided');
  }

  private entry(
    action: string,
    request: ReissueRequest,
    details: Record<string, unknown>,
  ) {
    return successEntry(action, 'reissue_request', request.id, {
      ibUserId: request.ibUserId,
      ...details,
    });
  }
}
