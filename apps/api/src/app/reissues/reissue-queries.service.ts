import { Injectable } from '@nestjs/common';
import { lifecycleStatus, IbRole } from '@certdesk/domain';
import type { ReissuePage, ReissueView } from '@certdesk/contracts';
import { Clock } from '../infra/clock/clock';
import { decisionView } from '../infra/database/decision-columns';
import { TenantScope } from '../infra/tenancy/tenant-scope';
import { ListReissuesDto } from './dto/reissue.dto';
import { ReissueExpiryService } from './reissue-expiry.service';
import { ReissueRequest } from './reissue-request.entity';

interface Row {
  r_id: string;
  contract_number: string;
  company_name: string;
  branch_code: string;
  branch_name: string;
  login_id: string;
  ib_role: IbRole;
  name: string;
  expiry: string | null;
  revoked: boolean | number;
  reissue_state: 'pending' | 'authorized' | null;
}

const LIST_LIMIT = 200;

/** The approval queue, the history and one request, with the customer's current status. */
@Injectable()
export class ReissueQueriesService {
  constructor(
    private readonly scope: TenantScope,
    private readonly clock: Clock,
    private readonly expiry: ReissueExpiryService,
  ) {}

  async list(query: ListReissuesDto): Promise<ReissuePage> {
    await this.expiry.expireOverdue(this.scope.creditUnionId);
    const repo = this.scope.repository(ReissueRequest);
    const where = {
      ...(query.status ? { status: query.status } : {}),
      ...(query.ibUserId ? { ibUserId: query.ibUserId } : {}),
    };
    const requests = await repo.find({
      where,
      order: { requestedAt: query.status === 'pending' ? 'ASC' : 'DESC' },
      take: LIST_LIMIT,
    });
    return {
      items: await this.views(requests),
      pendingCount: await repo.countBy({ status: 'pending' }),
    };
  }

  async get(id: string): Promise<ReissueView> {
    await this.expiry.expireOverdue(this.scope.creditUnionId);
    const [view] = await this.views([
      await this.scope.repository(ReissueRequest).findOrNotFound(id),
    ]);
    return view;
  }

  private async views(requests: ReissueRequest[]): Promise<ReissueView[]> {
    if (!requests.length) return [];
    const policy = await this.scope.creditUnion();
    const rows = await this.scope
      .repository(ReissueRequest)
      .createQueryBuilder('r')
      .innerJoin('ib_user', 'u', 'u.id = r.ib_user_id')
      .innerJoin('customer', 'c', 'c.id = r.customer_id')
      .innerJoin('branch', 'b', 'b.id = c.branch_id')
      .select([
        'r.id AS r_id',
        'c.contract_number AS contract_number',
        'c.company_name AS company_name',
        'b.code AS branch_code',
        'b.name AS branch_name',
        'u.login_id AS login_id',
        'u.ib_role AS ib_role',
        'u.name AS name',
        'u.current_expiry_date AS expiry',
        'u.current_revoked AS revoked',
        'u.reissue_state AS reissue_state',
      ])
      .andWhere('r.id IN (:...ids)', { ids: requests.map((r) => r.id) })
      .getRawMany<Row>();
    const byId = new Map(rows.map((row) => [row.r_id, row]));
    const today = this.clock.today();
    const now = this.clock.now().getTime();
    return requests.map((r) => {
      const row = byId.get(r.id);
      if (!row) throw new Error(`reissue ${r.id} lost its IB user`);
      return {
        id: r.id,
        status: r.status,
        reason: r.reason,
        reasonText: r.reasonText,
        identityCheck: r.identityCheck,
        formReceivedOn: r.formReceivedOn,
        customer: {
          id: r.customerId,
          contractNumber: row.contract_number,
          companyName: row.company_name,
          branchCode: row.branch_code,
          branchName: row.branch_name,
        },
        ibUser: {
          id: r.ibUserId,
          loginId: row.login_id,
          ibRole: row.ib_role,
          name: row.name,
          expiryDate: row.expiry,
          status: lifecycleStatus(
            {
              expiryDate: row.expiry,
              revoked: Boolean(row.revoked),
              reissue: row.reissue_state,
            },
            today,
            policy,
          ),
        },
        ...decisionView(r),
        authorizedUntil: r.authorizedUntil,
        closedAt: r.closedAt?.toISOString() ?? null,
        waitingHours:
          r.status === 'pending'
            ? Math.floor((now - r.requestedAt.getTime()) / 3_600_000)
            : null,
      };
    });
  }
}
