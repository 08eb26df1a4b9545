import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { prepareQueryOnce } from '../infra/database/prepared-statements';
import {
  tenantCondition,
  tenantParameters,
} from '../infra/tenancy/tenant-condition';

/** One group of IB users with the same current expiry date, revocation and reissue state. */
export interface CountRow {
  expiry_key: string;
  revoked: boolean | number | string;
  reissue_key: string;
  n: number | string;
}

/**
 * `ib_user_count` (kept by triggers on `ib_user`, see migration 1764000000090): one row per
 * (expiry date, revoked, reissue state) of the signed-in staff member's credit union.
 */
@Injectable()
export class IbUserCountRepository {
  /** The count query's text is fixed: planned once per connection on PostgreSQL. */
  private prepared = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The credit union's groups, every expiry date before `before` summed as `before` and every one
   * after `horizon` (but for `noCertificate`, the key of IB users without one) summed as `horizon`.
   */
  groups(range: {
    before: string;
    horizon: string;
    noCertificate: string;
  }): Promise<CountRow[]> {
    const query = this.dataSource
      .createQueryBuilder()
      .select(
        `CASE WHEN c.expiry_key < :before THEN :before
        WHEN c.expiry_key > :horizon AND c.expiry_key < :noCertificate THEN :horizon ELSE c.expiry_key END`,
        'expiry_key',
      )
      .addSelect([
        'c.revoked AS revoked',
        'c.reissue_key AS reissue_key',
        'SUM(c.n) AS n',
      ])
      .from('ib_user_count', 'c')
      .where(`${tenantCondition('c')} AND c.n > 0`, tenantParameters())
      .setParameters(range)
      .groupBy('1')
      .addGroupBy('2')
      .addGroupBy('3');
    if (!this.prepared) {
      prepareQueryOnce(query);
      this.prepared = true;
    }
    return query.getRawMany<CountRow>();
  }
}
