import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import { Certificate } from '../certificates/certificate.entity';
import { Branch } from '../credit-unions/branch.entity';
import { CreditUnion } from '../credit-unions/credit-union.entity';
import { Customer } from '../customers/customer.entity';
import { IbUser } from '../customers/ib-user.entity';
import { insertInBatches } from '../infra/database/insert-in-batches';
import { Manager } from '../infra/database/transactions';
import { StaffUser } from '../staff/staff-user.entity';

/**
 * The writes of generated demo/benchmark data (ops CLI `seed`, and the demo start): whole credit
 * unions at a time, so across tenants by design; nothing here runs for a signed-in staff member.
 */
@Injectable()
export class SeedRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** How many credit unions there are (the demo start seeds an empty database only). */
  creditUnionCount(): Promise<number> {
    return this.dataSource.getRepository(CreditUnion).count();
  }

  /** The credit unions that already hold one of these codes. */
  withCodes(codes: string[]): Promise<CreditUnion[]> {
    return this.dataSource
      .getRepository(CreditUnion)
      .findBy({ code: In(codes) });
  }

  async insertCreditUnion(
    em: Manager,
    creditUnion: CreditUnion,
    branches: Branch[],
    staff: StaffUser[],
  ): Promise<void> {
    await em.insert(CreditUnion, creditUnion);
    await em.insert(Branch, branches);
    if (staff.length) await em.insert(StaffUser, staff);
  }

  async insertCustomers(
    em: Manager,
    customers: Customer[],
    ibUsers: IbUser[],
    certificates: Certificate[],
  ): Promise<void> {
    await insertInBatches(em, Customer, customers);
    await insertInBatches(em, IbUser, ibUsers);
    await insertInBatches(em, Certificate, certificates);
  }

  /** Every IB user without a PIN gets these hashes (demo data only). */
  async giveMissingPins(
    pinHash: string,
    confirmPinHash: string,
  ): Promise<void> {
    await this.dataSource
      .getRepository(IbUser)
      .update({ pinHash: IsNull() }, { pinHash, confirmPinHash });
  }
}
