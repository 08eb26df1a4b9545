import { Column, Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../infra/database/instant-column';

/** A branch (店) of a credit union, 3-digit 店番. */
@Entity('branch')
export class Branch {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) creditUnionId!: string;
  @Column({ type: 'varchar', length: 3 }) code!: string;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  @InstantColumn() createdAt!: Date;
}
