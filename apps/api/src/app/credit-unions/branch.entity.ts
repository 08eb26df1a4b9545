import { Column, Entity } from 'typeorm';
import { UuidColumn, UuidPrimaryColumn } from '../infra/database/uuid-column';
import { InstantColumn } from '../infra/database/instant-column';

/** A branch (店) of a credit union, 3-digit 店番. */
@Entity('branch')
export class Branch {
  @UuidPrimaryColumn() id!: string;
  @UuidColumn() creditUnionId!: string;
  @Column({ type: 'varchar', length: 3 }) code!: string;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  @InstantColumn() createdAt!: Date;
}
