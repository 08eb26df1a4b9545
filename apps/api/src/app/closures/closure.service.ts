import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  checkClosureReason,
  CLOSURE_REVOCATION_REASON,
  ClosureSource,
  jstDate,
} from '@certdesk/domain';
import type { AuditEntry } from '../audit/audit-entry';
import { AuditService } from '../audit/audit.service';
import { Customer } from '../customers/customer.entity';
import { IbUser } from '../customers/ib-user.entity';
import { Clock } from '../infra/clock/clock';
import { AppError } from '../infra/http/app-error';
import { currentPrincipal } from '../infra/tenancy/tenant';
import { TenantScope } from '../infra/tenancy/tenant-scope';
import {
  CertificateRevocationService,
  RevocationActor,
} from '../pki/certificate-revocation.service';
import { CrlService } from '../pki/crl.service';
import { ClosureRepository } from './closure.repository';

/** What to close: customers (with every active IB user of theirs) and single IB users. */
export interface ClosureTarget {
  creditUnionId: string;
  customerIds: readonly string[];
  ibUserIds: readonly string[];
}

export interface ClosureEffect {
  source: ClosureSource;
  reason: string;
  actor: RevocationActor;
  /** Extra audit details (the import's file, the held request…). */
  details?: Record<string, unknown>;
}

export interface ClosureResult {
  closedCustomers: number;
  removedIbUsers: number;
  revokedCertificates: number;
  cancelledReissues: number;
}

/**
 * 解約・削除 and their effects, in the caller's transaction (libs/domain closure): customers
 * `closed`, IB users `removed` (those of a closed customer too), their unrevoked certificates
 * revoked as `cessationOfOperation` (the CA is marked stale: the CRL is re-published by
 * {@link published} after the commit, or at the next CRL check), open reissues cancelled. Notices
 * stop because the current certificate is revoked and the user is no longer active. Each row is
 * audited. Rows already closed are left as they are (a second closure changes nothing).
 */
@Injectable()
export class ClosureService {
  constructor(
    private readonly repository: ClosureRepository,
    private readonly revocation: CertificateRevocationService,
    private readonly crl: CrlService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly scope: TenantScope,
  ) {}

  async applyIn(
    em: EntityManager,
    target: ClosureTarget,
    effect: ClosureEffect,
  ): Promise<ClosureResult> {
    const at = this.clock.now();
    const stamp = {
      on: jstDate(at),
      at,
      reason: effect.reason,
      source: effect.source,
    };
    const cu = target.creditUnionId;
    const closed = await this.repository.closeCustomers(
      em,
      cu,
      target.customerIds,
      stamp,
    );
    const ibUserIds = [
      ...new Set([
        ...target.ibUserIds,
        ...(await this.repository.activeIbUserIdsOf(
          em,
          cu,
          closed.map((c) => c.id),
        )),
      ]),
    ];
    const removed = await this.repository.removeIbUsers(
      em,
      cu,
      ibUserIds,
      stamp,
    );
    const removedIds = removed.map((u) => u.id);
    const cancelled = await this.repository.cancelOpenReissues(
      em,
      cu,
      removedIds,
      at,
    );
    /** A success of this closure's actor in the closed credit union. */
    const record = (
      action: string,
      targetType: string,
      targetId: string,
      details: Record<string, unknown>,
    ) =>
      this.audit.recordIn(em, {
        outcome: 'success',
        creditUnionId: cu,
        ...effect.actor,
        action,
        targetType,
        targetId,
        details,
      });
    for (const request of cancelled)
      await record('reissue.cancel', 'reissue_request', request.id, {
        ibUserId: request.ibUserId,
        from: request.status,
        cause:
          effect.source === 'import'
            ? '全件ファイル取込による削除'
            : '手動の解約・削除',
      });
    let revokedCertificates = 0;
    for (const user of removed) {
      const revoked = await this.revocation.revokeAllOf(
        user.id,
        CLOSURE_REVOCATION_REASON,
        effect.actor,
        { manager: em, comment: `利用者削除: ${effect.reason}` },
      );
      revokedCertificates += revoked.length;
      await record('ib_user.remove', 'ib_user', user.id, {
        loginId: user.loginId,
        customerId: user.customerId,
        source: effect.source,
        reason: effect.reason,
        revokedCertificates: revoked.map((c) => c.serialHex),
        ...effect.details,
      });
    }
    for (const customer of closed)
      await record('customer.close', 'customer', customer.id, {
        contractNumber: customer.contractNumber,
        source: effect.source,
        reason: effect.reason,
        ...effect.details,
      });
    return {
      closedCustomers: closed.length,
      removedIbUsers: removed.length,
      revokedCertificates,
      cancelledReissues: cancelled.length,
    };
  }

  /** Records an audit entry in the caller's transaction. */
  async auditIn(em: EntityManager, entry: AuditEntry): Promise<void> {
    await this.audit.recordIn(em, entry);
  }

  /** After the commit: the revoked certificates reach the CRL now (else at the next CRL check). */
  async published(creditUnionId: string, result: ClosureResult): Promise<void> {
    if (result.revokedCertificates > 0)
      await this.crl.publishQuietly(creditUnionId);
  }

  /** ご契約先: a manager closes a customer by hand (with a reason). 409 when it is closed already. */
  async closeCustomer(id: string, reason: unknown): Promise<ClosureResult> {
    // Found first: another credit union's id answers 404 whatever the body.
    const customer = await this.scope.repository(Customer).findOrNotFound(id);
    const text = this.reason(reason);
    if (customer.status === 'closed') throw new AppError('already_closed');
    return this.byHand({ customerIds: [customer.id], ibUserIds: [] }, text);
  }

  /** ご契約先: a manager removes one IB user by hand (with a reason). 409 when it is removed already. */
  async removeIbUser(id: string, reason: unknown): Promise<ClosureResult> {
    const user = await this.scope.repository(IbUser).findOrNotFound(id);
    const text = this.reason(reason);
    if (user.status === 'removed') throw new AppError('already_removed');
    return this.byHand({ customerIds: [], ibUserIds: [user.id] }, text);
  }

  private reason(reason: unknown): string {
    const checked = checkClosureReason(reason);
    if (!checked.ok)
      throw new AppError('closure_reason_invalid', checked.message);
    return checked.reason;
  }

  private async byHand(
    target: Omit<ClosureTarget, 'creditUnionId'>,
    reason: string,
  ): Promise<ClosureResult> {
    const creditUnionId = currentPrincipal().creditUnionId;
    const result = await this.repository.transaction((em) =>
      this.applyIn(
        em,
        { creditUnionId, ...target },
        { source: 'manual', reason, actor: { actorType: 'staff' } },
      ),
    );
    // Raced with another closure: the other one did it (and audited it).
    if (result.closedCustomers + result.removedIbUsers === 0)
      throw new AppError(
        target.customerIds.length ? 'already_closed' : 'already_removed',
      );
    await this.published(creditUnionId, result);
    return result;
  }
}
