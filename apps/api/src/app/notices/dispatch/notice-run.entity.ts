import { Column, Entity } from 'typeorm';
import {
  UuidColumn,
  UuidPrimaryColumn,
} from '../../infra/database/uuid-column';
import { InstantColumn } from '../../infra/database/instant-column';

export type RunTrigger = 'schedule' | 'manual';
export type RunPhase = 'planning' | 'sending' | 'done' | 'failed';

/** One notice run of one credit union: the daily one (06:00 JST) or a manager's 今すぐ実行. */
@Entity('notice_run')
export class NoticeRun {
  @UuidPrimaryColumn() id!: string;
  @UuidColumn() creditUnionId!: string;
  @Column({ type: 'varchar', length: 16 }) trigger!: RunTrigger;
  /** `<businessDate>` for the daily run (unique per credit union: one daily run across processes); null for manual runs. */
  @Column({ type: 'varchar', length: 10, nullable: true }) scheduleKey!:
    string | null;
  @Column({ type: 'date' }) businessDate!: string;
  @Column({ type: 'varchar', length: 16 }) phase!: RunPhase;
  @Column({ type: 'varchar', length: 100, nullable: true }) requestedBy!:
    string | null;
  @Column({ type: 'integer', default: 0 }) candidates!: number;
  @Column({ type: 'integer', default: 0 }) planned!: number;
  @Column({ type: 'varchar', length: 500, nullable: true }) error!:
    string | null;
  @InstantColumn() startedAt!: Date;
  @InstantColumn({ nullable: true }) finishedAt!: Date | null;
  /** When a process last took the run over or renewed its hold (null: only its starter ever ran it). */
  @InstantColumn({ nullable: true }) claimedAt?: Date | null;
}
