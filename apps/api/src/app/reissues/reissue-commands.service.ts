import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  authorizationLastDay,
  mayDecideReissue,
  ReissueStatus,
  revocationReasonFor,
import { decidedByMe, UNDECIDED } from '../infra/database/decision-columns';
  validateReissueRequest,
} from '@certdesk/domain';
import { AuditService } from '../audit/audit.service';
import { IbUser } from '../customers/ib-user.entity';
import { Clock } from '../infra/clock/clock';
import { Manager, Transactions } from '../infra/database/transactions';
import { currentPrincipal } from '../infra/tenancy/tenant';
import { TenantScope } from '../infra/tenancy/tenant-scope';
import { ReissueNoticeQueue } from '../notices/dispatch/reissue-notice';
import { CertificateRevocationService } from '../pki/certificate-revocation.service';
import { CrlService } from '../pki/crl.service';
import { isUniqueViolation } from '../infra/database/unique-violation';
import { CreateReissueDto } from './dto/reissue.dto';
import { ReissueRequest } from './reissue-request.entity';
import { ReissueRequestRepository } from './reissue-request.repository';

export const OPEN_REQUEST_MESSAGE =
  'この利用者には処理中の再発行依頼があります。先にその依頼を処理してください';
export const REMOVED_USER_REISSUE_MESSAGE =
  'この利用者は削除済み（またはご契約が解約済み）のため、再発行は依頼できません';
export const ALREADY_DECIDED_MESSAGE =
  'この依頼は既に処理されています。画面を更新してください';
export const OWN_REQUEST_MESSAGE =
  'ご自身が依頼した再発行は承認・却下できません。別の役席が処理してください';

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
    if (user.status === 'removed')
      throw new ConflictException(REMOVED_USER_REISSUE_MESSAGE);
    const problems = validateReissueRequest(dto, this.clock.today());
    if (problems.length)
      throw new BadRequestException({
        message: `入力内容に誤りがあります（${problems.map((p) => p.field).join(', ')}）`,
        details: problems,
      });
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
      if (isUniqueViolation(error))
        throw new ConflictException(OPEN_REQUEST_MESSAGE);
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
      throw new ForbiddenException('依頼を取り消せるのは依頼した職員だけです');
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
      throw new ForbiddenException(OWN_REQUEST_MESSAGE);
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
      throw new ConflictException(ALREADY_DECIDED_MESSAGE);
  }

  private decision(now: Date, comment?: string): Partial<ReissueRequest> {
    const me = currentPrincipal();
    return {
      decidedById: me.staffId,
      decidedByName: me.displayName,
      decidedAt: now,
      decisionComment: comment?.trim() || null,
    };
  }

  private entry(
    action: string,
    request: ReissueRequest,
    details: Record<string, unknown>,
  ) {
    return {
      action,
      outcome: 'success' as const,
      targetType: 'reissue_request',
      targetId: request.id,
      details: { ibUserId: request.ibUserId, ...details },
    };
  }
}
