import { Injectable } from '@nestjs/common';
import { Brackets, SelectQueryBuilder } from 'typeorm';
import {
  closureOf,
  daysBetween,
  IB_LOGIN_ID_FORMAT,
  resolveLifecyclePolicy,
  searchKey,
} from '@certdesk/domain';
import type {
  CertificateSearchItem,
  CertificateSearchPage,
} from '@certdesk/contracts';
import { IbUser } from '../customers/ib-user.entity';
import { Clock } from '../infra/clock/clock';
import { tenantCondition } from '../infra/tenancy/tenant-condition';
import { TenantScope } from '../infra/tenancy/tenant-scope';
import {
  CertificateSearchRepository,
  SearchRow,
} from './certificate-search.repository';
import { SearchCertificatesDto } from './dto/search-certificates.dto';
import { NameMatch } from './name-match.repository';
import { decodeCursor, encodeCursor } from './search-cursor';
import {
  expirySortKeySql,
  statusBounds,
  statusCaseSql,
  statusConditionSql,
  statusParameters,
} from './status-sql';

const SORT_KEYS = {
  expiry: expirySortKeySql('u'),
  company: 'c.company_name',
  status: statusCaseSql('u'),
} as const;

/** `GET /api/certificates`: the credit union's IB users with their current certificates, one indexed query. */
@Injectable()
export class CertificateSearchService {
  constructor(
    private readonly scope: TenantScope,
    private readonly clock: Clock,
    private readonly names: NameMatch,
    private readonly rows: CertificateSearchRepository,
  ) {}

  async search(query: SearchCertificatesDto): Promise<CertificateSearchPage> {
    const today = this.clock.today();
    const policy = resolveLifecyclePolicy(await this.scope.creditUnion());
    const limit = query.limit ?? 50;
    const sort = query.sort ?? 'expiry';
    const sortKey = SORT_KEYS[sort];

    // First the page, on the narrowest rows the filters and the sort need (a broad name match can
    // hold thousands of IB users: only the page's rows are then joined to their details).
    const pageQuery = this.scope
      .repository(IbUser)
      .createQueryBuilder('u')
      .select('u.id', 'pid')
      .addSelect(sortKey, 'sort_key')
      .setParameters(statusParameters(statusBounds(today, policy)));
    if (sort === 'company' || query.branch) {
      pageQuery.innerJoin(
        'customer',
        'c',
        'c.id = u.customer_id AND c.credit_union_id = u.credit_union_id',
      );
    }
    await this.applyFilters(pageQuery, query);
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor);
      pageQuery.andWhere(`(${sortKey}, u.id) > (:ck, :cid)`, {
        ck: cursor.k,
        cid: cursor.id,
      });
    }
    pageQuery
      .orderBy(sortKey, 'ASC')
      .addOrderBy('u.id', 'ASC')
      .limit(limit + 1);

    // Filters alone: planned once per connection on PostgreSQL (see prepareOnce).
    const rows = await this.rows.page(pageQuery, !query.q?.trim());
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => this.toItem(r, today)),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor({ k: String(last.sort_key), id: last.u_id })
          : null,
      today,
    };
  }

  private async applyFilters(
    qb: SelectQueryBuilder<IbUser>,
    query: SearchCertificatesDto,
  ): Promise<void> {
    if (query.status?.length) {
      const statuses = [...new Set(query.status)];
      qb.andWhere(
        new Brackets((w) =>
          statuses.forEach((s) => w.orWhere(statusConditionSql('u', s))),
        ),
      );
    }
    const key = expirySortKeySql('u');
    if (query.expiresFrom)
      qb.andWhere(`${key} >= :expiresFrom`, { expiresFrom: query.expiresFrom });
    if (query.expiresTo)
      qb.andWhere(`${key} <= :expiresTo`, { expiresTo: query.expiresTo });
    if (query.branch) {
      qb.andWhere(
        `c.branch_id IN (SELECT bf.id FROM branch bf WHERE ${tenantCondition('bf')} AND bf.code = :branch)`,
        { branch: query.branch },
      );
    }
    if (query.ibRole)
      qb.andWhere('u.ib_role = :ibRole', { ibRole: query.ibRole });
    const q = query.q?.trim();
    if (q)
      qb.andWhere(
        await this.textMatches(qb, q, (query.sort ?? 'expiry') === 'expiry'),
      );
  }

  /**
   * A condition on `u` for free text: company name (kanji or kana, folded), contract number, login ID,
   * serial or e-mail. A name alone (the usual case) stays a condition on the row's own company key,
   * so the planner may walk the sort order and stop at the page for a broad name, or collect a rare
   * one's few matches first. Otherwise one indexed lookup per criterion, UNIONed (an OR across tables defeats every index).
   */
  private async textMatches(
    qb: SelectQueryBuilder<IbUser>,
    q: string,
    expiryOrder: boolean,
  ): Promise<string> {
    const tenant = (alias: string) => tenantCondition(alias);
    const key = searchKey(q);
    const byCustomer = (condition: string) =>
      `SELECT iu.id FROM ib_user iu JOIN customer ic ON ic.id = iu.customer_id WHERE ${tenant('iu')} AND ${tenant('ic')} AND ${condition}`;
    const exact: string[] = [];
    if (IB_LOGIN_ID_FORMAT.test(q)) {
      exact.push(
        `SELECT lu.id FROM ib_user lu WHERE ${tenant('lu')} AND LOWER(lu.login_id) = :qLogin`,
      );
      qb.setParameter('qLogin', q.toLowerCase());
    }
    if (/^\d{1,20}$/.test(q)) {
      exact.push(byCustomer('ic.contract_number IN (:...qContract)'));
      qb.setParameter('qContract', [q, q.padStart(10, '0')]);
    }
    if (q.includes('@')) {
      exact.push(
        `SELECT mu.id FROM ib_user mu WHERE ${tenant('mu')} AND LOWER(mu.email) = :qMail`,
      );
      exact.push(byCustomer('LOWER(ic.contact_email) = :qMail'));
      qb.setParameter('qMail', q.toLowerCase());
    }
    const hex = q.replace(/[:\s]/g, '').toLowerCase();
    if (/^[0-9a-f]{2,40}$/.test(hex)) {
      const bare = hex.replace(/^0+/, '');
      exact.push(
        `SELECT x.ib_user_id FROM certificate x WHERE ${tenant('x')} AND x.serial_hex IN (:...qSerial)`,
      );
      qb.setParameter('qSerial', [
        ...new Set([bare, bare.length % 2 ? `0${bare}` : bare, hex]),
      ]);
    }
    if (exact.length === 0) {
      if (!key) return '1 = 0';
      const walk = expiryOrder && (await this.names.walkExpiryOrder(key));
      return this.names.onRow(qb, 'u', key, walk);
    }
    if (key)
      exact.push(
        `SELECT nu.id FROM ib_user nu WHERE ${tenant('nu')} AND ${this.names.onRow(qb, 'nu', key)}`,
      );
    return `u.id IN (${exact.join(' UNION ')})`;
  }

  private toItem(r: SearchRow, today: string): CertificateSearchItem {
    return {
      customer: {
        id: r.c_id,
        contractNumber: r.contract_number,
        companyName: r.company_name,
        companyNameKana: r.company_name_kana,
        branchCode: r.branch_code,
      },
      ibUser: {
        id: r.u_id,
        loginId: r.login_id,
        ibRole: r.ib_role,
        name: r.name,
      },
      expiryDate: r.expiry,
      daysLeft: r.expiry ? daysBetween(today, r.expiry) : null,
      status: r.status,
      closure: closureOf(r.customer_status, r.ib_user_status),
    };
  }
}
