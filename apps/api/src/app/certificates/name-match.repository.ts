import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { tenantCondition } from '../infra/tenancy/tenant-condition';

/** A name held by at least this many IB users (all credit unions) is "common" on SQLite: see {@link NameMatch.walkExpiryOrder}. */
export const COMMON_NAME_IB_USERS = 3000;

/**
 * How long a key's verdict is reused, and for how many keys. The verdict only chooses the plan (both
 * plans answer alike: certificate-search-common-name.e2e-spec), so a stale one costs time, never a
 * wrong page; reusing it saves the vocabulary count, on the event loop (figures in docs/benchmarks.md).
 */
const VERDICT_TTL_MS = 60_000;
const VERDICT_KEYS = 1_000;

/**
 * The company-name part of a search (`key` is `searchKey(q)`, matched as `LIKE '%key%'`), per
 * database, on the IB user's own copy of its customer's folded key (`ib_user.company_key`, kept by
 * triggers: migration …250), so a walk in expiry order tests each row without looking its customer
 * up. PostgreSQL's trigram index on that column and its statistics need no help; SQLite collects a
 * rare name's IB users from the FTS5 trigram table `ib_user_search` and is told how common a name is.
 */
@Injectable()
export class NameMatch {
  /** walkExpiryOrder's verdicts by key, oldest first, with when each was counted (monotonic ms). */
  private readonly verdicts = new Map<string, { walk: boolean; at: number }>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get sqlite(): boolean {
    return this.dataSource.options.type !== 'postgres';
  }

  /**
   * A condition on the IB user aliased `u` (whose tenant condition the caller sets) that its
   * company's name holds the key (sets :qKey, and on SQLite :qPhrase). `walk`: the caller walks the
   * expiry order and stops at the page (see {@link walkExpiryOrder}), so each row is tested as it
   * comes; otherwise SQLite collects the matches from the FTS5 table first (PostgreSQL chooses itself).
   */
  onRow(
    qb: SelectQueryBuilder<object>,
    u: string,
    key: string,
    walk = false,
  ): string {
    qb.setParameter('qKey', `%${key}%`);
    const byKey = `${u}.company_key LIKE :qKey`;
    if (!this.sqlite || walk) return byKey;
    if ([...key].length < 3) {
      // Too short for a trigram: the customers' (credit_union_id, search_key) index is the narrower scan.
      const customers = `SELECT nc.id FROM customer nc WHERE ${tenantCondition('nc')} AND nc.search_key LIKE :qKey`;
      return `${u}.customer_id IN (${customers})`;
    }
    // Candidates from the FTS5 table as a phrase of the key's trigrams, each checked with LIKE on the
    // row (LIKE through FTS5 re-reads every candidate's text; figures in docs/benchmarks.md).
    qb.setParameter('qPhrase', `"${key.replace(/"/g, '""')}"`);
    return `${byKey} AND ${u}.rowid IN (SELECT rowid FROM ib_user_search WHERE ib_user_search MATCH :qPhrase)`;
  }

  /**
   * SQLite only (PostgreSQL's planner weighs this itself): whether to walk the expiry order and stop
   * at the page (a common name, which has thousands of matches to collect and sort otherwise) rather
   * than collect the matches first (a rare name, where walking would read the whole credit union).
   * Decided by how many IB users hold the key's rarest trigram, counted at most once a minute per
   * key (see VERDICT_TTL_MS); figures in docs/benchmarks.md.
   */
  async walkExpiryOrder(key: string): Promise<boolean> {
    const grams = [...new Set(trigrams(key.toLowerCase()))];
    if (!this.sqlite || grams.length === 0) return false;
    const now = performance.now();
    const known = this.verdicts.get(key);
    if (known && now - known.at < VERDICT_TTL_MS) return known.walk;
    const [row] = await this.dataSource.query(
      `SELECT COUNT(*) AS terms, MIN(doc) AS docs FROM ib_user_search_terms WHERE term IN (${grams.map(() => '?').join(', ')})`,
      grams,
    );
    const walk =
      Number(row.terms) === grams.length &&
      Number(row.docs) >= COMMON_NAME_IB_USERS;
    this.verdicts.delete(key);
    this.verdicts.set(key, { walk, at: now });
    if (this.verdicts.size > VERDICT_KEYS)
      this.verdicts.delete(this.verdicts.keys().next().value as string);
    return walk;
  }
}

function trigrams(text: string): string[] {
  const chars = [...text];
  return chars.slice(0, -2).map((_, i) => chars.slice(i, i + 3).join(''));
}
