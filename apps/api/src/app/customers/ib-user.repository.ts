import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Certificate } from '../certificates/certificate.entity';
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

  /**
   * The IB user and its current certificate in one statement: one snapshot. Read one after the other, a
   * renewal committing in between could pair the user's old current id with the row it has just revoked.
   */
  async withCurrentCertificate(
    id: string,
  ): Promise<{ ibUser: IbUser; current: Certificate | null }> {
    const joined = await this.dataSource
      .getRepository(IbUser)
      .createQueryBuilder('u')
      .leftJoinAndMapOne(
        'u.currentCertificateRow',
        Certificate,
        'c',
        'c.id = u.current_certificate_id',
      )
      .where('u.id = :id', { id })
      .getOneOrFail();
    const { currentCertificateRow, ...rest } = joined as IbUser & {
      currentCertificateRow?: Certificate;
    };
    return {
      ibUser: Object.assign(new IbUser(), rest),
      current: currentCertificateRow ?? null,
    };
  }

  /** The certificate with this SHA-256 fingerprint (any credit union: the IB channel's log-on). */
  certificateByFingerprint(
    fingerprintSha256: string,
  ): Promise<Certificate | null> {
    return this.dataSource
      .getRepository(Certificate)
      .findOneBy({ fingerprintSha256 });
  }

  /** The IB users with this login ID (of the credit union with `creditUnionCode` when given), `limit` at most. */
  byLoginId(
    loginId: string,
    creditUnionCode: string | undefined,
    limit: number,
  ): Promise<IbUser[]> {
    const qb = this.dataSource
      .getRepository(IbUser)
      .createQueryBuilder('u')
      .where('u.login_id = :loginId', { loginId });
    if (creditUnionCode) {
      qb.innerJoin(CreditUnion, 'cu', 'cu.id = u.credit_union_id').andWhere(
        'cu.code = :code',
        { code: creditUnionCode },
      );
    }
    return qb.orderBy('u.id').limit(limit).getMany();
  }
}
