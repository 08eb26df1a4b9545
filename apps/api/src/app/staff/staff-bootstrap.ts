import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import { Passwords } from '../auth/passwords';
import { CreditUnion } from '../credit-unions/credit-union.entity';
import { Clock } from '../infra/clock/clock';
import { Transactions } from '../infra/database/transactions';
import { isUniqueViolation } from '../infra/database/unique-violation';
import { StaffUser } from './staff-user.entity';
import { NEW_STAFF_ACCOUNT } from './new-staff-account';
import { StaffUserRepository } from './staff-user.repository';
import { normaliseUsername, USERNAME_FORMAT, USERNAME_RULE } from './username';

export interface InitialAdmin {
  creditUnion: CreditUnion;
  username: string;
  oneTimePassword: string;
}

/**
 * The first admin of a credit union, from the ops CLI (`create-admin`): there is no signed-in
 * staff member yet, so the credit union is named explicitly. Audited as a system action.
 */
@Injectable()
export class StaffBootstrap {
  constructor(
    private readonly transactions: Transactions,
    private readonly accounts: StaffUserRepository,
    private readonly clock: Clock,
    private readonly passwords: Passwords,
    private readonly audit: AuditService,
  ) {}

  async createAdmin(options: {
    creditUnionCode: string;
    username: string;
    displayName?: string;
  }): Promise<InitialAdmin> {
    const code = options.creditUnionCode.trim();
    const creditUnion = /^\d{4}$/.test(code)
      ? await this.accounts.creditUnionByCode(code)
      : null;
    if (!creditUnion) {
      throw new Error(
        `信用金庫コード「${code}」は登録されていません（4桁のコードを確認するか、先に npm run import で信用金庫を登録してください）`,
      );
    }
    const username = normaliseUsername(options.username);
    if (!USERNAME_FORMAT.test(username)) throw new Error(USERNAME_RULE);
    const displayName =
      (options.displayName ?? username).trim().slice(0, 100) || username;
    const taken = () =>
      new Error(
        `ユーザー名「${username}」は既に使われています（ユーザー名はすべての信用金庫を通じて一意です）`,
      );
    if (await this.accounts.usernameTaken(username)) throw taken();

    const oneTimePassword = this.passwords.oneTimePassword(username);
    const now = this.clock.now();
    const staff: StaffUser = {
      id: randomUUID(),
      creditUnionId: creditUnion.id,
      username,
      displayName,
      role: 'admin',
      passwordHash: await this.passwords.hash(oneTimePassword),
      ...NEW_STAFF_ACCOUNT,
      createdAt: now,
      updatedAt: now,
    };
    await this.transactions.run(async (manager) => {
      try {
        await this.accounts.insertIn(manager, staff);
      } catch (error) {
        throw isUniqueViolation(error) ? taken() : error;
      }
      await this.audit.recordIn(manager, {
        action: 'staff.create',
        outcome: 'success',
        creditUnionId: creditUnion.id,
        actorType: 'system',
        actorId: null,
        actorName: 'cli create-admin',
        targetType: 'staff_user',
        targetId: staff.id,
        details: { username, role: 'admin', displayName, via: 'cli' },
      });
    });
    return { creditUnion, username, oneTimePassword };
  }
}

/** What the CLI imports for `create-admin` (no HTTP, no guard). */
