import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Manager } from '../../infra/database/transactions';
import { NoticeRun } from './notice-run.entity';

/**
 * The SQL of notice runs that is not one staff member's (the daily schedule runs for every credit
 * union without a request context); a staff member's runs go through `TenantScope`.
 */
@Injectable()
export class NoticeRunRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The credit union's run for `scheduleKey` (its business date), if any. */
  scheduled(
    creditUnionId: string,
    scheduleKey: string,
  ): Promise<NoticeRun | null> {
    return this.dataSource
      .getRepository(NoticeRun)
      .findOneBy({ creditUnionId, scheduleKey });
  }

  /** Claims an unfinished run nobody has held since `staleBefore`; false when another process did first. */
  async claimStale(
    manager: Manager,
    id: string,
    now: Date,
    staleBefore: Date,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(NoticeRun)
      .set({ claimedAt: now })
      .where("id = :id AND phase <> 'done'", { id })
      .andWhere('COALESCE(claimed_at, started_at) <= :staleBefore', {
        staleBefore,
      })
      .execute();
    return !!result.affected;
  }

  async insert(manager: Manager, run: NoticeRun): Promise<void> {
    await manager.getRepository(NoticeRun).insert(run);
  }

  async update(id: string, patch: Partial<NoticeRun>): Promise<void> {
    await this.dataSource.getRepository(NoticeRun).update(id, patch);
  }
}
