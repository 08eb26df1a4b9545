import { Column, Entity } from 'typeorm';
import {
  UuidColumn,
  UuidPrimaryColumn,
} from '../../infra/database/uuid-column';
import { InstantColumn } from '../../infra/database/instant-column';

/** A credit union's notice schedule; absent until a manager first saves it (defaults apply). */
@Entity('notice_schedule')
export class NoticeSchedule {
  @UuidPrimaryColumn() id!: string;
  @UuidColumn() creditUnionId!: string;
  /** JSON array of day offsets, e.g. `[30,10,-1]` (libs/domain milestones). */
  @Column({ type: 'varchar', length: 200 }) milestones!: string;
  @Column({ type: 'boolean', default: true }) reissueReadyEnabled!: boolean;
  @InstantColumn() updatedAt!: Date;
  @Column({ type: 'varchar', length: 100, nullable: true }) updatedBy!:
    string | null;
}
