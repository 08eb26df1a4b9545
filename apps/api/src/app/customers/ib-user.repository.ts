import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { CreditUnion } from '../credit-unions/credit-union.entity';
import { Customer } from './customer.entity';
import { IbUser } from './ib-user.entity';

/**
 * Statements on an IB user by id where no staff member is signed in (the IB channel, notices): the
 * IB user's own credit union is the tenant, found from the row. Staff reads go through `TenantScope`.
 */
@Injectable()
export class IbUserRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  byId(id: string): Promise<IbUser | null> {
    return this.dataSource.getRepository(IbUser).findOneBy({ id });
  }

  creditUnionOf(ibUser: IbUser): Promise<CreditUnion> {
    return this.dataSource
      .getRepository(CreditUnion)
      .findOneByOrFail({ id: ibUser.creditUnionId });
  }

  customerOf(ibUser: IbUser): Promise<Customer> {
    return this.dataSource
      .getRepository(Customer)
      .findOneByOrFail({ id: ibUser.customerId });
  }

  byIdOrFail(id: string): Promise<IbUser> {
    return this.dataSource.getRepository(IbUser).findOneByOrFail({ id });
  }

  /**
   * One conditional UPDATE of the IB user row (`condition` may use `:max`, bound to `max`); false
   * when the condition did not hold. How the PIN attempt counter claims, gives back and locks.
   */
  async updateIf(
    id: string,
    set: QueryDeepPartialEntity<IbUser>,
    condition: string,
    max: number,
  ): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(IbUser)
      .set(set)
      .where(`id = :id AND ${condition}`, { id, max })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
