import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CreditUnion } from './credit-union.entity';

/**
 * The credit unions themselves, for system work that runs for each of them (daily jobs, start-up,
 * the ops CLI). A signed-in staff member's own credit union comes from `TenantScope.creditUnion()`.
 */
@Injectable()
export class CreditUnionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every credit union, in code order. */
  allByCode(): Promise<CreditUnion[]> {
    return this.dataSource
      .getRepository(CreditUnion)
      .find({ order: { code: 'ASC' } });
  }
}
