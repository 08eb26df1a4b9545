import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntityTarget } from 'typeorm';
import { CreditUnion } from '../../credit-unions/credit-union.entity';
import { requestContext } from './request-context';
import { currentCreditUnionId } from './tenant';
import { TenantOwned, TenantRepository } from './tenant-repository';

/**
 * The one way services reach tenant data: `scope.repository(Customer)` (or, inside a transaction,
 * `scope.repository(Customer, manager)`) gives a {@link TenantRepository} bound to the signed-in
 * staff member's credit union.
 */
@Injectable()
export class TenantScope {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  repository<T extends TenantOwned>(
    entity: EntityTarget<T>,
    manager: EntityManager = this.dataSource.manager,
  ): TenantRepository<T> {
    return new TenantRepository<T>(manager.getRepository(entity));
  }

  /** The credit union of the request; throws without a signed-in principal. */
  get creditUnionId(): string {
    return currentCreditUnionId();
  }

  /**
   * The credit union row of the request (its policy decides the status boundaries). The session
   * guard reads it in the same query as the session; otherwise it is read once and kept for the request.
   */
  async creditUnion(): Promise<CreditUnion> {
    const id = currentCreditUnionId();
    const context = requestContext.current();
    if (context?.creditUnion?.id === id) return context.creditUnion;
    const row = await this.dataSource
      .getRepository(CreditUnion)
      .findOneByOrFail({ id });
    if (context) context.creditUnion = row;
    return row;
  }
}
