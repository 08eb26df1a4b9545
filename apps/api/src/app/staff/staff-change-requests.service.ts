import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type {
  ErrorCode,
  StaffChangeDecision,
  StaffChangeRequestView,
} from '@certdesk/contracts';
import {
  StaffChangeKind,
  StaffChangeRefusal,
  staffChangeRefusal,
  StaffChangeStatus,
  StaffRole,
} from '@certdesk/domain';
import { AuditService } from '../audit/audit.service';
import { successEntry } from '../audit/audit-entry';
import { SecondFactorService } from '../auth/second-factor/second-factor.service';
import { Clock } from '../infra/clock/clock';
import {
  decidedByMe,
  decisionView,
  UNDECIDED,
} from '../infra/database/decision-columns';
import { Manager, Transactions } from '../infra/database/transactions';
import { isUniqueViolation } from '../infra/database/unique-violation';
import { AppError } from '../infra/http/app-error';
import { currentPrincipal } from '../infra/tenancy/tenant';
import { TenantScope } from '../infra/tenancy/tenant-scope';
import { toStaffAccount } from './staff-account';
import { StaffChangeRequest } from './staff-change-request.entity';
import { StaffUser } from './staff-user.entity';
import { StaffWrites } from './staff-writes';

const REFUSAL_CODES: Record<StaffChangeRefusal, ErrorCode> = {
  own_request: 'own_staff_change',
  own_account: 'own_account_change',
};

export interface StaffChangeFields {
  kind: StaffChangeKind;
  staffId: string | null;
  username: string;
  displayName: string;
  role: StaffRole | null;
  fromRole: StaffRole | null;
}

/**
 * Staff changes under dual control, like 再発行処理: every transition is one conditional UPDATE
 * (`WHERE status = 'pending'`) in the transaction that applies it, so of any number of simultaneous
 * approvals exactly one applies the change and the rest get 409. Every step is audited.
 */
@Injectable()
export class StaffChangeRequestsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly tenant: TenantScope,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly writes: StaffWrites,
    private readonly secondFactors: SecondFactorService,
  ) {}

  /** Records a change for a second admin, inside the caller's transaction. */
  async request(
    manager: Manager,
    fields: StaffChangeFields,
  ): Promise<StaffChangeRequestView> {
    const me = currentPrincipal();
    const request: StaffChangeRequest = {
      id: randomUUID(),
      creditUnionId: me.creditUnionId,
      ...fields,
      status: 'pending',
      requestedById: me.staffId,
      requestedByName: me.displayName,
      requestedAt: this.clock.now(),
      ...UNDECIDED,
    };
    try {
      await this.tenant.repository(StaffChangeRequest, manager).insert(request);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw new AppError(
        fields.kind === 'create' ? 'username_taken' : 'staff_change_pending',
      );
    }
    await this.audit.recordIn(
      manager,
      this.entry('staff_change.request', request, {}),
    );
    return toView(request);
  }

  async list(status: StaffChangeStatus): Promise<StaffChangeRequestView[]> {
    const rows = await this.tenant
      .repository(StaffChangeRequest)
      .find({ where: { status }, order: { requestedAt: 'DESC' }, take: 200 });
    return rows.map(toView);
  }

  /** Applies the change in the transaction that marks it approved; a creation or reset returns the one-time password. */
  async approve(id: string, comment?: string): Promise<StaffChangeDecision> {
    const request = await this.decidable(id, 'staff_change.approve');
    return this.transactions.run(async (em) => {
      const decided = await this.transition(em, request, 'approved', comment);
      const users = this.tenant.repository(StaffUser, em);
      const target = request.staffId
        ? await users.findOrNotFound(request.staffId)
        : null;
      let account: StaffUser;
      let oneTimePassword: string | undefined;
      if (request.kind === 'reset_factors' && target) {
        await this.secondFactors.resetFor(em, target);
        account = target;
      } else if (request.kind === 'role' && target && request.role) {
        account = await this.writes.update(
          em,
          target,
          { role: request.role },
          { role: { from: target.role, to: request.role } },
        );
      } else {
        // Hashed only by the approval that won the row, so a burst of approvals costs one argon2 hash.
        const password = await this.writes.newPassword(request.username);
        oneTimePassword = password.oneTimePassword;
        if (target) {
          account = await this.writes.resetPassword(em, target, password);
        } else {
          account = await this.writes.create(
            em,
            {
              username: request.username,
              displayName: request.displayName,
              role: request.role ?? 'branch_staff',
            },
            password,
          );
          decided.staffId = account.id;
          await this.tenant
            .repository(StaffChangeRequest, em)
            .update(request.id, { staffId: account.id });
        }
      }
      await this.audit.recordIn(
        em,
        this.entry('staff_change.approve', decided, {
          comment: decided.decisionComment,
        }),
      );
      return {
        request: toView(decided),
        account: toStaffAccount(account, this.clock.now()),
        oneTimePassword,
      };
    });
  }

  async reject(id: string, comment: string): Promise<StaffChangeDecision> {
    const request = await this.decidable(id, 'staff_change.reject');
    return this.transactions.run(async (em) => {
      const decided = await this.transition(em, request, 'rejected', comment);
      await this.audit.recordIn(
        em,
        this.entry('staff_change.reject', decided, { comment }),
      );
      return { request: toView(decided) };
    });
  }

  /** The requester withdraws a change nobody has decided yet. */
  async cancel(id: string): Promise<StaffChangeDecision> {
    const request = await this.tenant
      .repository(StaffChangeRequest)
      .findOrNotFound(id);
    if (request.requestedById !== currentPrincipal().staffId)
      throw new AppError('not_requester');
    return this.transactions.run(async (em) => {
      const decided = await this.transition(em, request, 'cancelled');
      await this.audit.recordIn(
        em,
        this.entry('staff_change.cancel', decided, {}),
      );
      return { request: toView(decided) };
    });
  }

  /** An admin other than the requester and the account concerned; a refusal is audited. */
  private async decidable(
    id: string,
    action: string,
  ): Promise<StaffChangeRequest> {
    const request = await this.tenant
      .repository(StaffChangeRequest)
      .findOrNotFound(id);
    const refusal = staffChangeRefusal(request, currentPrincipal().staffId);
    if (refusal) {
      await this.audit.record({
        ...this.entry(action, request, { refused: refusal }),
        outcome: 'denied',
      });
      throw new AppError(REFUSAL_CODES[refusal]);
    }
    return request;
  }

  /** pending → `to`, conditionally: a request someone else decided first answers 409. */
  private async transition(
    em: Manager,
    request: StaffChangeRequest,
    to: Exclude<StaffChangeStatus, 'pending'>,
    comment?: string,
  ): Promise<StaffChangeRequest> {
    const patch: Partial<StaffChangeRequest> = {
      status: to,
      ...decidedByMe(this.clock.now(), comment),
    };
    const result = await em
      .createQueryBuilder()
      .update(StaffChangeRequest)
      .set(patch)
      .where('id = :id AND credit_union_id = :cu AND status = :from', {
        id: request.id,
        cu: request.creditUnionId,
        from: 'pending',
      })
      .execute();
    if (!result.affected) throw new AppError('already_decided');
    return { ...request, ...patch };
  }

  private entry(
    action: string,
    request: StaffChangeRequest,
    details: Record<string, unknown>,
  ) {
    return successEntry(action, 'staff_change_request', request.id, {
      kind: request.kind,
      staffId: request.staffId,
      username: request.username,
      role: request.role,
      fromRole: request.fromRole,
      requestedBy: request.requestedByName,
      ...details,
    });
  }
}

function toView(r: StaffChangeRequest): StaffChangeRequestView {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    staffId: r.staffId,
    username: r.username,
    displayName: r.displayName,
    role: r.role,
    fromRole: r.fromRole,
    ...decisionView(r),
  };
}
