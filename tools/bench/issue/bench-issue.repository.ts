import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CreditUnion } from '../../../apps/api/src/app/credit-unions/credit-union.entity';
import { Customer } from '../../../apps/api/src/app/customers/customer.entity';
import { IbUser } from '../../../apps/api/src/app/customers/ib-user.entity';

/** The SQL of `npm run bench:issue` (its own credit union 9001 on a bench database). */
export class BenchIssueRepository {
  private constructor(private readonly ds: DataSource) {}

  static of(ctx: INestApplicationContext): BenchIssueRepository {
    return new BenchIssueRepository(ctx.get(DataSource));
  }

  /** The credit union with `code` and its first customer. */
  async creditUnionAndCustomer(
    code: string,
  ): Promise<{ creditUnion: CreditUnion; customer: Customer }> {
    const creditUnion = await this.ds
      .getRepository(CreditUnion)
      .findOneByOrFail({ code });
    const customer = await this.ds
      .getRepository(Customer)
      .findOneByOrFail({ creditUnionId: creditUnion.id });
    return { creditUnion, customer };
  }

  /** Inserts the IB users 100 at a time. */
  async insertIbUsers(users: IbUser[]): Promise<void> {
    for (let i = 0; i < users.length; i += 100)
      await this.ds.getRepository(IbUser).insert(users.slice(i, i + 100));
  }
}
