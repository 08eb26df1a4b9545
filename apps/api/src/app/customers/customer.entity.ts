import { Column, Entity } from 'typeorm';
import { UuidColumn, UuidPrimaryColumn } from '../infra/database/uuid-column';
import type { ClosureSource, CustomerStatus } from '@certdesk/domain';
import { InstantColumn } from '../infra/database/instant-column';

/** ご契約先: a corporate customer holding an IB contract. */
@Entity('customer')
export class Customer {
  @UuidPrimaryColumn() id!: string;
  @UuidColumn() creditUnionId!: string;
  @UuidColumn() branchId!: string;
  /** 契約者番号, unique within the credit union. */
  @Column({ type: 'varchar', length: 20 }) contractNumber!: string;
  @Column({ type: 'varchar', length: 200 }) companyName!: string;
  @Column({ type: 'varchar', length: 200 }) companyNameKana!: string;
  /** `searchKeyForCustomer(companyName, companyNameKana)`, written with the row. */
  @Column({ type: 'varchar', length: 420 }) searchKey!: string;
  @Column({ type: 'varchar', length: 254, nullable: true }) contactEmail!:
    string | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) contactPhone!:
    string | null;
  @InstantColumn() createdAt!: Date;
  @InstantColumn() updatedAt!: Date;
  /** `closed` (解約済み) once the 法人IB contract ended (libs/domain closure); never deleted. */
  @Column({ type: 'varchar', length: 16, default: 'active' })
  status?: CustomerStatus;
  /** JST date of the closure. */
  @Column({ type: 'date', nullable: true }) closedOn?: string | null;
  @InstantColumn({ nullable: true }) closedAt?: Date | null;
  @Column({ type: 'varchar', length: 500, nullable: true })
  closureReason?: string | null;
  @Column({ type: 'varchar', length: 16, nullable: true })
  closureSource?: ClosureSource | null;
}
