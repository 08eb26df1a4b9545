import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Outbox states an operator watches: the backlog and what needs a person. */
export const WATCHED = ['pending', 'sending', 'failed', 'given_up'] as const;

/** The read-only, installation-wide counts behind the operational gauges (see operational-gauges.ts). */
@Injectable()
export class OperationalGaugesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  noticeCounts(): Promise<
    { kind: string; status: string; n: string | number }[]
  > {
    return this.dataSource.query(
      `SELECT kind, status, COUNT(*) AS n FROM notice_outbox WHERE status IN (${WATCHED.map((s) => `'${s}'`).join(', ')}) GROUP BY kind, status`,
    );
  }

  oldestPending(): Promise<{ kind: string; oldest: string | Date }[]> {
    return this.dataSource.query(
      `SELECT kind, MIN(created_at) AS oldest FROM notice_outbox WHERE status IN ('pending', 'sending') GROUP BY kind`,
    );
  }

  crlNextUpdates(): Promise<{ code: string; next: string | Date }[]> {
    return this.dataSource.query(
      'SELECT cu.code AS code, a.crl_next_update AS next FROM certificate_authority a ' +
        'JOIN credit_union cu ON cu.id = a.credit_union_id WHERE a.crl_next_update IS NOT NULL',
    );
  }
}
