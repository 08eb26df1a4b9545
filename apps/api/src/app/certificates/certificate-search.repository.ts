import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import type {
  CustomerStatus,
  IbRole,
  IbUserStatus,
  LifecycleStatus,
} from '@certdesk/domain';
import { IbUser } from '../customers/ib-user.entity';
import { prepareOnce } from '../infra/database/prepared-statements';
import { statusCaseSql } from './status-sql';

/** One IB user of a search page, with its customer and branch. */
export interface SearchRow {
  u_id: string;
  login_id: string;
  ib_role: IbRole;
  name: string;
  expiry: string | null;
  status: LifecycleStatus;
  c_id: string;
  contract_number: string;
  company_name: string;
  company_name_kana: string;
  branch_code: string;
  customer_status: CustomerStatus | null;
  ib_user_status: IbUserStatus | null;
  sort_key: string;
}

/**
 * The second step of `GET /api/certificates` (certificate-search.service.ts builds the first): the
 * page's ids, selected by a tenant-scoped query builder with its filters and sort key, joined to
 * their details in one statement.
 */
@Injectable()
export class CertificateSearchRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Runs `pageQuery` (selecting `pid` and `sort_key`) as a subquery joined to the rows' details, in
   * its order. `fixedText`: the statement's text depends on the filters alone, so PostgreSQL plans it
   * once per connection (see prepareOnce).
   */
  async page(
    pageQuery: SelectQueryBuilder<IbUser>,
    fixedText: boolean,
  ): Promise<SearchRow[]> {
    const [sql, parameters] = this.dataSource
      .createQueryBuilder()
      .from(`(${pageQuery.getQuery()})`, 'p')
      .innerJoin('ib_user', 'u', 'u.id = p.pid')
      .innerJoin('customer', 'c', 'c.id = u.customer_id')
      .innerJoin('branch', 'b', 'b.id = c.branch_id')
      .select([
        'u.id AS u_id',
        'u.login_id AS login_id',
        'u.ib_role AS ib_role',
        'u.name AS name',
        'u.current_expiry_date AS expiry',
        'c.id AS c_id',
        'c.contract_number AS contract_number',
        'c.company_name AS company_name',
        'c.company_name_kana AS company_name_kana',
        'b.code AS branch_code',
        'c.status AS customer_status',
        'u.status AS ib_user_status',
        'p.sort_key AS sort_key',
      ])
      .addSelect(statusCaseSql('u'), 'status')
      .setParameters(pageQuery.getParameters())
      .orderBy('p.sort_key', 'ASC')
      .addOrderBy('p.pid', 'ASC')
      .getQueryAndParameters();
    if (fixedText && this.dataSource.options.type === 'postgres')
      prepareOnce(sql);
    return this.dataSource.query(sql, parameters);
  }
}
