import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import {
  CLOSURE_SOURCE_LABELS,
  ClosureSource,
  CUSTOMER_STATUS_LABELS,
  daysBetween,
  IB_USER_STATUS_LABELS,
  lifecycleReason,
  newCertificateUseLabel,
} from '@certdesk/domain';
import type {
  ClosureView,
  CustomerDetail,
  IbUserView,
} from '@certdesk/contracts';
import { AuditService } from '../audit/audit.service';
import { Certificate } from '../certificates/certificate.entity';
import { Branch } from '../credit-unions/branch.entity';
import { CreditUnion } from '../credit-unions/credit-union.entity';
import { Clock } from '../infra/clock/clock';
import { TenantScope } from '../infra/tenancy/tenant-scope';
import { Customer } from './customer.entity';
import { IbUser } from './ib-user.entity';
import { toCertificateView } from './certificate-view';
import { lifecycleInputOf } from './ib-user-lifecycle';

/** What staff read for a removed IB user instead of the certificate's status sentence. */
const REMOVED_REASON =
  'このIB利用者は削除済みです（ご契約の解約または利用者の削除）。電子証明書は失効しており、ログオン・電子証明書の更新・取得はできません。';

/** `GET /api/customers/:id`: everything a branch clerk needs on the phone. Each view is audited. */
@Injectable()
export class CustomerDetailService {
  constructor(
    private readonly scope: TenantScope,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async get(id: string): Promise<CustomerDetail> {
    const customer = await this.scope.repository(Customer).findOrNotFound(id);
    const branch = await this.scope
      .repository(Branch)
      .findOrNotFound(customer.branchId);
    const creditUnion = await this.scope.creditUnion();
    const ibUsers = await this.scope.repository(IbUser).find({
      where: { customerId: customer.id },
      order: { ibRole: 'ASC', loginId: 'ASC' },
    });
    const certificates = ibUsers.length
      ? await this.scope.repository(Certificate).find({
          where: { ibUserId: In(ibUsers.map((u) => u.id)) },
          order: { notBefore: 'DESC' },
        })
      : [];
    const today = this.clock.today();
    await this.audit.record({
      action: 'customer.view',
      outcome: 'success',
      targetType: 'customer',
      targetId: customer.id,
      details: { contractNumber: customer.contractNumber },
    });
    return {
      id: customer.id,
      contractNumber: customer.contractNumber,
      companyName: customer.companyName,
      companyNameKana: customer.companyNameKana,
      branch: { code: branch.code, name: branch.name },
      contactEmail: customer.contactEmail,
      contactPhone: customer.contactPhone,
      closure: closureOf(
        customer.status === 'closed',
        'closed',
        customer.closedOn,
        customer.closureReason,
        customer.closureSource,
      ),
      ibUsers: ibUsers.map((u) =>
        this.ibUserView(
          u,
          certificates.filter((c) => c.ibUserId === u.id),
          today,
          creditUnion,
        ),
      ),
      today,
    };
  }

  private ibUserView(
    u: IbUser,
    history: Certificate[],
    today: string,
    policy: CreditUnion,
  ): IbUserView {
    const current =
      history.find((c) => c.id === u.currentCertificateId) ?? null;
    const { status, reason } = lifecycleReason(
      lifecycleInputOf(u),
      today,
      policy,
    );
    const removed = u.status === 'removed';
    return {
      id: u.id,
      loginId: u.loginId,
      ibRole: u.ibRole,
      name: u.name,
      nameKana: u.nameKana,
      email: u.email,
      pinLocked: u.pinLockedAt !== null,
      status,
      statusReason: removed ? REMOVED_REASON : reason,
      daysLeft: u.currentExpiryDate
        ? daysBetween(today, u.currentExpiryDate)
        : null,
      currentCertificate: current
        ? toCertificateView(current, u.currentCertificateId)
        : null,
      closure: closureOf(
        u.status === 'removed',
        'removed',
        u.removedOn,
        u.removalReason,
        u.removalSource,
      ),
      newCertificate: newCertificateOf(current, history, today),
      history: history.map((c) => toCertificateView(c, u.currentCertificateId)),
    };
  }
}

/** 解約済み / 削除済み with when, why and how; null while active. */
function closureOf(
  closed: boolean,
  status: ClosureView['status'],
  on: string | null | undefined,
  reason: string | null | undefined,
  source: ClosureSource | null | undefined,
): ClosureView | null {
  if (!closed) return null;
  return {
    status,
    label:
      status === 'closed'
        ? CUSTOMER_STATUS_LABELS.closed
        : IB_USER_STATUS_LABELS.removed,
    on: on ?? '',
    reason: reason ?? null,
    source: source ?? null,
    sourceLabel: source ? CLOSURE_SOURCE_LABELS[source] : null,
  };
}

/** ご契約先's 新しい電子証明書 line: the current certificate came from a renewal of `replaced`. */
function newCertificateOf(
  current: Certificate | null,
  history: Certificate[],
  today: string,
): IbUserView['newCertificate'] {
  const replaced = current?.renewedFromId
    ? history.find((c) => c.id === current.renewedFromId)
    : undefined;
  if (!current || !replaced) return null;
  return {
    firstLogonAt: current.firstLogonAt?.toISOString() ?? null,
    label: newCertificateUseLabel(
      current.firstLogonAt ?? null,
      replaced.expiryDate,
      today,
    ),
    replacedSerialHex: replaced.serialHex,
  };
}
