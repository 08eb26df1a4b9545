import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Certificate } from '../../../apps/api/src/app/certificates/certificate.entity';
import { CreditUnion } from '../../../apps/api/src/app/credit-unions/credit-union.entity';
import { NoticeOutbox } from '../../../apps/api/src/app/notices/dispatch/notice-outbox.entity';
import { NoticeRun } from '../../../apps/api/src/app/notices/dispatch/notice-run.entity';

/** The SQL of `npm run bench:notices` (bench databases only: `reset` deletes every notice and run). */
export class NoticeBenchRepository {
  private constructor(private readonly ds: DataSource) {}

  static of(ctx: INestApplicationContext): NoticeBenchRepository {
    return new NoticeBenchRepository(ctx.get(DataSource));
  }

  get databaseName(): string {
    return this.ds.options.type === 'postgres' ? 'PostgreSQL' : 'SQLite';
  }

  async insertRun(run: NoticeRun): Promise<void> {
    await this.ds.getRepository(NoticeRun).insert(run);
  }

  async hasNotices(): Promise<boolean> {
    return (await this.ds.getRepository(NoticeOutbox).count({ take: 1 })) > 0;
  }

  /**
   * Deletes every notice and run, and the planner's markers (migration …270). On PostgreSQL by
   * TRUNCATE: a DELETE left the last run's rows dead in the table and its indexes, so the next
   * first run wrote into a bloated outbox beside the autovacuum that cleared it — not the empty
   * outbox of an installation's first run (figures in docs/notice-run-benchmarks.md).
   */
  async reset(): Promise<void> {
    if (this.ds.options.type === 'postgres') {
      await this.ds.query('TRUNCATE notice_outbox, notice_run, notice_marker');
      return;
    }
    await this.ds.createQueryBuilder().delete().from(NoticeOutbox).execute();
    await this.ds.createQueryBuilder().delete().from(NoticeRun).execute();
    // The markers would otherwise say they were all queued.
    await this.ds.query('DELETE FROM notice_marker');
  }

  certificateCount(): Promise<number> {
    return this.ds.getRepository(Certificate).count();
  }

  async hasCertificates(): Promise<boolean> {
    return (await this.ds.getRepository(Certificate).count({ take: 1 })) > 0;
  }

  creditUnionsByCode(): Promise<CreditUnion[]> {
    return this.ds.getRepository(CreditUnion).find({ order: { code: 'ASC' } });
  }
}
