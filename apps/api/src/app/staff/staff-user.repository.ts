import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CreditUnion } from '../credit-unions/credit-union.entity';
import { Manager } from '../infra/database/transactions';
import { StaffChangeRequest } from './staff-change-request.entity';
import { StaffUser } from './staff-user.entity';

/**
 * The statements on staff accounts that cross credit unions on purpose (usernames are unique
 * installation-wide; the ops CLI creates a credit union's first admin before anyone is signed in).
 * Everything else about staff goes through `TenantScope`.
 */
@Injectable()
export class StaffUserRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Whether any credit union has an account with this username. */
  usernameTaken(username: string): Promise<boolean> {
    return this.dataSource.getRepository(StaffUser).existsBy({ username });
  }

  /** Taken by an account, or kept for an account whose creation waits for a second admin. */
  async usernameHeld(username: string): Promise<boolean> {
    return (
      (await this.usernameTaken(username)) ||
      (await this.dataSource
        .getRepository(StaffChangeRequest)
        .existsBy({ username, kind: 'create', status: 'pending' }))
    );
  }

  /** The credit union with this 4-digit code, or null. */
  creditUnionByCode(code: string): Promise<CreditUnion | null> {
    return this.dataSource.getRepository(CreditUnion).findOneBy({ code });
  }

  /** Inserts an account of the credit union it names (the CLI's first admin), in `manager`'s transaction. */
  async insertIn(manager: Manager, staff: StaffUser): Promise<void> {
    await manager.insert(StaffUser, staff);
  }
}
