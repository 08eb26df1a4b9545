import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../infra/clock/clock';
import { Transactions } from '../infra/database/transactions';
import { AppError } from '../infra/http/app-error';
import { TenantScope } from '../infra/tenancy/tenant-scope';
import { IbUser } from './ib-user.entity';

/** A manager clears an IB user's PIN lock (5 wrong PINs at 電子証明書取得), audited with what was cleared. */
@Injectable()
export class IbUserPinService {
  constructor(
    private readonly transactions: Transactions,
    private readonly scope: TenantScope,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async unlock(ibUserId: string): Promise<void> {
    const user = await this.scope.repository(IbUser).findOrNotFound(ibUserId);
    if (!user.pinLockedAt && user.failedPinAttempts === 0)
      throw new AppError('pin_not_locked');
    await this.transactions.run(async (em) => {
      await this.scope.repository(IbUser, em).update(user.id, {
        failedPinAttempts: 0,
        pinLockedAt: null,
        updatedAt: this.clock.now(),
      });
      await this.audit.recordIn(em, {
        action: 'ib_user.pin_unlock',
        outcome: 'success',
        targetType: 'ib_user',
        targetId: user.id,
        details: {
          loginId: user.loginId,
          failedPinAttempts: user.failedPinAttempts,
          lockedAt: user.pinLockedAt?.toISOString() ?? null,
        },
      });
    });
  }
}
