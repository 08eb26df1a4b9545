import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { tenantCondition } from '../infra/tenancy/tenant-condition';

/** A name held by at least this many customers (all credit unions) is "common" on SQLite: see {@link NameMatch.walkExpiryOrder}. */
export const COMMON_NAME_CUSTOMERS = 3000;

/**
 * The company-name part of a search (`key` is `searchKey(q)`, matched as `LIKE '%key%'` on the
 * folded `customer.search_key`), per database. PostgreSQL's trigram index and statistics need no
 * help; SQLite gets its candidates from the FTS5 trigram table and is told how common a name is.
 */
@Injectable()
export class NameMatch {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get sqlite(): boolean {
    return this.dataSource.options.type !== 'postgres';
  }

  /**
   * A subquery of the ids of the credit union's customers whose name holds the key (sets :qKey, and
   * on SQLite :qPhrase); `qb` holds the tenant condition's parameter (a `TenantRepository` builder).
   */
  customers(qb: SelectQueryBuilder<object>, key: string): string {
    qb.setParameter('qKey', `%${key}%`);
    const byName = `SELECT nc.id FROM customer nc WHERE ${tenantCondition('nc')} AND nc.search_key LIKE :qKey`;
    if (!this.sqlite || [...key].length < 3) return byName;
    // Candidates from the FTS5 table as a phrase of the key's trigrams, each checked with LIKE above
    // (LIKE through FTS5 re-reads every candidate's text; figures in docs/benchmarks.md).
    qb.setParameter('qPhrase', `"${key.replace(/"/g, '""')}"`);
    return `${byName} AND nc.rowid IN (SELECT rowid FROM customer_search WHERE customer_search MATCH :qPhrase)`;
  }

  /** The per-row form: walking the IB users in expiry order, keep those whose customer's name holds the key. */
  onEachRow(qb: SelectQueryBuilder<object>, key: string): string {
    qb.setParameter('qKey', `%${key}%`);
    return 'EXISTS (SELECT 1 FROM customer nc WHERE nc.id = u.customer_id AND nc.search_key LIKE :qKey)';
  }

  /**
   * SQLite only (PostgreSQL's planner weighs this itself): whether to walk the expiry order and stop
   * at the page (a common name, which has thousands of matches to collect and sort otherwise) rather
   * than collect the matches first (a rare name, where walking would read the whole credit union).
   * Decided by how many customers hold the key's rarest trigram; figures in docs/benchmarks.md.
   */
  async walkExpiryOrder(key: string): Promise<boolean> {
    const grams = [...new Set(trigrams(key.toLowerCase()))];
    if (!this.sqlite || grams.length === 0) return false;
    const [row] = await this.dataSource.query(
      `SELECT COUNT(*) AS terms, MIN(doc) AS docs FROM customer_search_terms WHERE term IN (${grams.map(() => '?').join(', ')})`,
      grams,
    );
    return (
      Number(row.terms) === grams.length &&
      Number(row.docs) >= COMMON_NAME_CUSTOMERS
    );
  }
}

function trigrams(text: string): string[] {
  const chars = [...text];
  return chars.slice(0, -2).map((_, i) => chars.slice(i, i + 3).join(''));
}
